import { existsSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository this file lives in (src/local/common → three levels up). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** An official API spec, kept beside the repository in `shared/specs`, never copied in. */
export function sharedSpecFile(name: string): string {
  return resolve(repoRoot, '../shared/specs', name);
}

/**
 * Where the example records are: the repository's `examples/` once it holds records, the
 * shared examples beside the repository until then.
 */
export function defaultExamplesDir(): string {
  const own = resolve(repoRoot, 'examples');
  const hasRecords = existsSync(own) && readdirSync(own).some((name) => name.endsWith('.handoff.yaml'));
  return hasRecords ? own : resolve(repoRoot, '../shared/examples');
}
