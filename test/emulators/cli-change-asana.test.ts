import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { DEMO_TEAM, DEMO_WORKSPACE, LOCAL_ASANA_OAUTH_TOKEN, localAsanaTokens } from '../../emulators/asana/index';
import { runCli, ACME } from '../unit/cli/run-cli';
import { useLocalAsana } from '../contract/local-asana-suite';
import { TEST_APPROVAL_KEY } from './env';

/**
 * The change-control commands against a served local Asana, with OAuth tokens (the admin's, then the approval owner's).
 */

const PRIYA = 'priya.nair@vendor.example';
const ENV_KEYS = [
  'ASANA_BASE_URL',
  'ASANA_TOKEN',
  'ASANA_WORKSPACE',
  'ASANA_TEAM',
  'ASANA_TOKEN_KIND',
  'HANDOFF_LOCAL_ASANA_DATA',
  'HANDOFF_APPROVAL_KEY',
] as const;
const dir = mkdtempSync(join(tmpdir(), 'handoff-cli-change-asana-'));
const { local: asana } = useLocalAsana('cli-change-asana');

function actAs(token: string) {
  for (const key of ENV_KEYS) delete process.env[key];
  Object.assign(process.env, {
    ASANA_BASE_URL: asana().url,
    ASANA_TOKEN: token,
    ASANA_WORKSPACE: DEMO_WORKSPACE.gid,
    ASANA_TEAM: DEMO_TEAM.gid,
    HANDOFF_APPROVAL_KEY: TEST_APPROVAL_KEY,
    ASANA_TOKEN_KIND: 'oauth',
  });
}

const OLD = ACME;
const NEW = join(dir, 'acme-new.handoff.yaml');
const json = (out: string) => z.record(z.string(), z.unknown()).parse(JSON.parse(out));
const ASANA = ['--target', 'asana', '--today', '2026-12-01'];

beforeAll(async () => {
  const record = parse(readFileSync(ACME, 'utf8'));
  record.promises = record.promises.filter((p: { id: string }) => p.id !== 'import');
  record.dependencies = record.dependencies.map((d: { blocks?: string[] }) => ({
    ...d,
    blocks: d.blocks?.filter((b) => b !== 'import'),
  }));
  writeFileSync(NEW, stringify(record));
  actAs(LOCAL_ASANA_OAUTH_TOKEN);
  expect((await runCli('provision', OLD, ...ASANA)).code).toBe(0);
});
afterAll(async () => {
  for (const key of ENV_KEYS) delete process.env[key];
});

/** POST /sections/{section_gid}/addTask into the project's first other section, as a person dragging it does. */
async function dragOutOfChangeRequests(key: string): Promise<string> {
  const get = async (path: string) =>
    (await fetch(`${asana().url}${path}`, { headers: { authorization: `Bearer ${LOCAL_ASANA_OAUTH_TOKEN}` } })).json();
  const project = z
    .object({ data: z.object({ projects: z.array(z.object({ gid: z.string() })) }) })
    .parse(await get(`/tasks/${key}?opt_fields=projects`)).data.projects[0]?.gid;
  const sections = z
    .object({ data: z.array(z.object({ gid: z.string(), name: z.string() })) })
    .parse(await get(`/projects/${project}/sections`)).data;
  const other = sections.find((s) => s.name !== 'Change requests');
  if (!other) throw new Error('the project has no other section');
  const moved = await fetch(`${asana().url}/sections/${other.gid}/addTask`, {
    method: 'POST',
    headers: { authorization: `Bearer ${LOCAL_ASANA_OAUTH_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ data: { task: key } }),
  });
  expect(moved.status).toBe(200);
  return other.name;
}

describe('handoff change on Asana', () => {
  const proposeApplyDescope =
    'proposes in the "Change requests" section, applies once the approval owner completed it, descopes into ' +
    '"Descoped"; a change request dragged to another section is still found (history, apply)';
  it(proposeApplyDescope, async () => {
    const proposed = json((await runCli('change', 'propose', OLD, NEW, ...ASANA, '--json')).out);
    expect(proposed).toMatchObject({ kind: 'proposed', key: expect.stringMatching(/^\d+$/) });
    const key = String(proposed.key);
    const task = z.object({
      data: z.object({
        assignee: z.object({ gid: z.string() }),
        memberships: z.array(z.object({ section: z.object({ name: z.string() }) })),
      }),
    });
    const read = async (gid: string) =>
      task.parse(
        await (
          await fetch(`${asana().url}/tasks/${gid}?opt_fields=assignee,memberships.section.name`, {
            headers: { authorization: `Bearer ${LOCAL_ASANA_OAUTH_TOKEN}` },
          })
        ).json(),
      ).data;
    expect((await read(key)).memberships.map((m) => m.section.name)).toEqual(['Change requests']);
    // Someone drags it to another section (a board column): it is still the record's change request.
    const elsewhere = await dragOutOfChangeRequests(key);
    expect((await read(key)).memberships.map((m) => m.section.name)).toEqual([elsewhere]);

    expect((await runCli('change', 'apply', key)).code).toBe(3);
    actAs(localAsanaTokens(PRIYA).oauthToken);
    expect((await runCli('change', 'approve', key)).code).toBe(0);
    actAs(LOCAL_ASANA_OAUTH_TOKEN);
    const applied = json((await runCli('change', 'apply', key, '--json')).out);
    expect(applied).toMatchObject({ kind: 'applied', failed: [], updated: expect.any(Array) });
    const descoped = z.array(z.object({ itemId: z.string(), key: z.string() })).parse(applied.descoped);
    expect(descoped.map((d) => d.itemId)).toEqual(['acme-onboarding-2026/promise/import']);
    expect((await read(descoped[0]?.key ?? '')).memberships.map((m) => m.section.name)).toEqual(['Descoped']);

    const history = await runCli('history', NEW, '--target', 'asana');
    expect(history.out).toContain(key);
    expect(history.out).toMatch(/proposed .* Handoff Admin/);
    expect(history.out).toMatch(/approved .* Priya Nair/);
    expect(history.out).toMatch(/applied .* Handoff Admin/);
    expect((await runCli('coverage', NEW, ...ASANA)).code).toBe(0);
  });
});

describe("attack F1 on Asana: the change request task's external data rewritten by someone who may edit it", () => {
  it('attack F1: a rewritten approvalOwner is refused by approve and apply', async () => {
    const NEWER = join(dir, 'acme-newer.handoff.yaml');
    const record = parse(readFileSync(NEW, 'utf8'));
    Object.assign(record.promises[0], { title: 'SSO with Azure AD, before the pilot' });
    writeFileSync(NEWER, stringify(record));
    actAs(LOCAL_ASANA_OAUTH_TOKEN);
    const proposed = json((await runCli('change', 'propose', NEW, NEWER, ...ASANA, '--json')).out);
    const key = String(proposed.key);
    const call = async (method: string, path: string, body?: unknown) =>
      (
        await fetch(`${asana().url}${path}`, {
          method,
          headers: { authorization: `Bearer ${LOCAL_ASANA_OAUTH_TOKEN}`, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        })
      ).json();
    const me = z
      .object({ data: z.object({ gid: z.string(), email: z.string() }) })
      .parse(await call('GET', '/users/me'));
    const task = z
      .object({ data: z.object({ external: z.object({ data: z.string() }) }) })
      .parse(await call('GET', `/tasks/${key}?opt_fields=external`));
    const state = {
      ...JSON.parse(task.data.external.data),
      approvalOwner: { email: me.data.email, account: me.data.gid },
    };
    await call('PUT', `/tasks/${key}`, { data: { external: { data: JSON.stringify(state) } } });

    const approve = await runCli('change', 'approve', key);
    expect(approve.code).toBe(1);
    expect(approve.err).toContain(`${key}'s change data was edited after it was proposed`);
    const apply = await runCli('change', 'apply', key);
    expect(apply.code).toBe(1);
    expect(apply.err).toContain('nothing was applied');
  });
});

describe('transfer on Asana from someone an admin deprovisioned (POST /workspaces/{gid}/removeUser)', () => {
  // Not Maria or Sam, whom the next test needs; as comms owner Arjun owns the record's questions.
  const ARJUN = 'arjun.mehta@vendor.example';
  const REMOVED = join(dir, 'acme-deprovisioned.handoff.yaml');

  it('refuses with exit 1, naming the leaver and that deprovisioning left their tasks unassigned', async () => {
    const record = parse(readFileSync(ACME, 'utf8'));
    record.id = 'acme-deprovisioned-2026';
    Object.assign(record.people, { 'comms-owner': ARJUN });
    writeFileSync(REMOVED, stringify(record));
    const provisioned = await runCli('provision', REMOVED, ...ASANA);
    expect(provisioned.code, provisioned.err + provisioned.out).toBe(0);
    const removed = await fetch(`${asana().url}/workspaces/${DEMO_WORKSPACE.gid}/removeUser`, {
      method: 'POST',
      headers: { authorization: `Bearer ${LOCAL_ASANA_OAUTH_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ data: { user: ARJUN } }),
    });
    expect(removed.status).toBe(200);

    const refused = await runCli('transfer', REMOVED, '--from', ARJUN, '--to', PRIYA, ...ASANA);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(new RegExp(`^handoff: nothing was moved: the record gives ${ARJUN} \\d+ open task`));
    expect(refused.err).toContain('removed from Asana (deprovisioned), which left these tasks unassigned');
    expect(refused.err).not.toMatch(/\n\s+at /);
  });
});

describe('attack F17: transfer on Asana from someone who has left the workspace', () => {
  const MARIA = 'maria.lopez@vendor.example';
  const SAM = 'sam.okafor@vendor.example';
  const LEAVER = join(dir, 'acme-leaver.handoff.yaml');

  it("moves the leaver's tasks, matched by the assignee recorded on them, and summarises once", async () => {
    const record = parse(readFileSync(ACME, 'utf8'));
    record.id = 'acme-leaver-2026';
    writeFileSync(LEAVER, stringify(record));
    expect((await runCli('provision', LEAVER, ...ASANA)).code).toBe(0);
    // Maria leaves: she is no longer a member of the workspace (her tasks stay assigned to her).
    const file = join(asana().dataDir, 'asana.json');
    const site = z
      .object({
        users: z.array(z.object({ gid: z.string(), email: z.string() }).loose()),
        workspaces: z.array(z.object({ memberGids: z.array(z.string()) }).loose()),
      })
      .loose()
      .parse(JSON.parse(readFileSync(file, 'utf8')));
    const maria = site.users.find((u) => u.email === MARIA)?.gid;
    for (const workspace of site.workspaces) workspace.memberGids = workspace.memberGids.filter((g) => g !== maria);
    writeFileSync(file, JSON.stringify(site));

    const moved = await runCli('transfer', LEAVER, '--from', MARIA, '--to', SAM, ...ASANA, '--json');
    expect(moved.code, moved.err).toBe(0);
    const result = z
      .object({ moved: z.array(z.object({ key: z.string() })), failed: z.array(z.unknown()) })
      .parse(JSON.parse(moved.out));
    expect(result.failed).toEqual([]);
    expect(result.moved.length).toBeGreaterThan(1);
    const again = await runCli('transfer', LEAVER, '--from', MARIA, '--to', SAM, ...ASANA, '--json');
    expect(JSON.parse(again.out)).toMatchObject({ moved: [], failed: [] });
  });
});
