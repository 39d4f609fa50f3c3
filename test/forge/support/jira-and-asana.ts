import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { startLocalAsana, type LocalAsana, type LocalAsanaOptions } from '../../../emulators/asana/index';
import type { LocalJira } from '../../../emulators/jira/index';
import { closeJira, startJira } from './forge-harness';

/**
 * The local Jira and a fresh local Asana for one test file, spec-strict: an Asana request or
 * answer the official spec does not allow fails the file when it closes. `started` receives both
 * once they listen (in beforeAll).
 */
export function useJiraAndAsana(
  name: string,
  started: (local: { jira: LocalJira; asana: LocalAsana }) => void,
  options: Partial<LocalAsanaOptions> = {},
): void {
  let local: { jira: LocalJira; asana: LocalAsana } | undefined;
  beforeAll(async () => {
    const jira = await startJira();
    const asana = await startLocalAsana({
      ...options,
      dataDir: mkdtempSync(join(tmpdir(), `handoff-${name}-`)),
      fresh: true,
      validate: 'strict',
    });
    local = { jira, asana };
    started(local);
  });
  afterAll(async () => {
    if (!local) return;
    await closeJira(local.jira);
    const violations = local.asana.violations();
    await local.asana.close();
    expect(violations).toEqual([]);
  });
}
