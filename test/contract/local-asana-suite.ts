import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import {
  DEMO_WORKSPACE,
  LOCAL_ASANA_OAUTH_TOKEN,
  startLocalAsana,
  type LocalAsana,
  type LocalAsanaOptions,
} from '../../emulators/asana/index';
import { ASSIGNEES } from './plan-fixture';

/**
 * A local Asana for one contract test file: started fresh and spec-strict before its tests, with
 * the fixture's assignees in the demo workspace, and closed after them with no spec violation.
 * `rest` calls its API as the admin, throwing on any refusal.
 */
export function useLocalAsana(name: string, options: Partial<LocalAsanaOptions> = {}) {
  let started: LocalAsana | undefined;
  const local = (): LocalAsana => {
    if (!started) throw new Error('the local Asana starts in beforeAll');
    return started;
  };
  const rest = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${local().url}${path}`, {
      method,
      headers: { authorization: `Bearer ${LOCAL_ASANA_OAUTH_TOKEN}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify({ data: body }),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  beforeAll(async () => {
    started = await startLocalAsana({
      ...options,
      dataDir: mkdtempSync(join(tmpdir(), `handoff-${name}-`)),
      fresh: true,
      validate: 'strict',
    });
    for (const user of ASSIGNEES) await rest('POST', `/workspaces/${DEMO_WORKSPACE.gid}/addUser`, { user });
  });
  afterAll(async () => {
    const violations = local().violations();
    await local().close();
    expect(violations).toEqual([]);
  });
  return { local, rest };
}
