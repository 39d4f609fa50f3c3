import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import {
  DEMO_TEAM,
  DEMO_WORKSPACE,
  LOCAL_ASANA_OAUTH_TOKEN,
  startLocalAsana,
  type LocalAsana,
  type LocalAsanaOptions,
} from '../../emulators/asana/index';
import { specFile } from '../../emulators/common/repo-paths';
import { at, sendJson, type Reply } from './local-jira-harness';

export { at, type Reply };

/** The official Asana spec, vendored in emulators/specs. */
export const asanaSpecFile = specFile('asana.v1.yaml');

/** A started local Asana in a temp data dir, strict about the spec, and a client for it. */
export type TestAsana = {
  asana: LocalAsana;
  dataDir: string;
  /**
   * Calls the API (path relative to `/api/1.0`) with a bearer token (the admin's OAuth token by default; null: none).
   */
  call(method: string, path: string, body?: unknown, token?: string | null): Promise<Reply>;
  /** Fails the test if the emulator broke the spec anywhere, then stops it. */
  close(): Promise<void>;
};

export async function startTestAsana(options: LocalAsanaOptions = {}): Promise<TestAsana> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'local-asana-'));
  const asana = await startLocalAsana({
    validate: 'strict',
    specFile: asanaSpecFile,
    fresh: options.dataDir === undefined,
    ...options,
    dataDir,
  });
  return {
    asana,
    dataDir,
    call: (method, path, body, token = LOCAL_ASANA_OAUTH_TOKEN) => callAsana(asana.url, method, path, body, token),
    async close() {
      const violations = asana.violations();
      await asana.close();
      if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
      expect(violations, 'the emulator broke the Asana spec').toEqual([]);
    },
  };
}

export function callAsana(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  token: string | null = LOCAL_ASANA_OAUTH_TOKEN,
): Promise<Reply> {
  return sendJson(`${base}${path}`, method, body, token === null ? null : `Bearer ${token}`);
}

/** The gid in `{ data: { gid } }`, failing loudly when the reply has none. */
export function gidOf(reply: Reply): string {
  const gid = at(reply.body, 'data', 'gid');
  if (typeof gid !== 'string') throw new Error(`no gid in ${reply.status} ${reply.text}`);
  return gid;
}

/** A new project in the demo workspace, and its first section. */
export async function createProject(t: TestAsana, name = 'Delivery'): Promise<{ project: string; section: string }> {
  const project = gidOf(
    await t.call('POST', '/projects', { data: { workspace: DEMO_WORKSPACE.gid, team: DEMO_TEAM.gid, name } }),
  );
  const sections = await t.call('GET', `/projects/${project}/sections`);
  return { project, section: String(at(sections.body, 'data', 0, 'gid')) };
}

/** A new task in a project, with overridable fields. */
export async function createTask(
  t: TestAsana,
  project: string,
  fields: Record<string, unknown> = {},
  token?: string,
): Promise<string> {
  return gidOf(await t.call('POST', '/tasks', { data: { projects: [project], name: 'A task', ...fields } }, token));
}

/** The `data` list of a reply, failing loudly when there is none. */
export function dataList(reply: Reply): unknown[] {
  const data = at(reply.body, 'data');
  if (!Array.isArray(data)) throw new Error(`no data list in ${reply.status} ${reply.text}`);
  return data;
}
