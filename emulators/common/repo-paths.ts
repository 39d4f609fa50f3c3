import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository this file lives in (emulators/common → two levels up). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** An official API document, vendored in `emulators/specs/` (see its README for origin and checksum). */
export function specFile(name: string): string {
  return resolve(repoRoot, 'emulators/specs', name);
}

/** The example records the local sites seed their people from. */
export function defaultExamplesDir(): string {
  return resolve(repoRoot, 'examples');
}
