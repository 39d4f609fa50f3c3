import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import asana from 'asana';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DEMO_TEAM,
  DEMO_WORKSPACE,
  LOCAL_ASANA_OAUTH_TOKEN,
  LOCAL_ASANA_PAT,
  startLocalAsana,
  type LocalAsana,
} from '../../emulators/asana/index';
import { runCli, ACME } from '../unit/cli/run-cli';
import { envSetter } from './env';

const report = z.object({
  created: z.array(z.object({ itemId: z.string(), gid: z.string() })),
  existing: z.array(z.object({ itemId: z.string(), gid: z.string() })),
  failed: z.array(z.unknown()),
  links: z.object({ created: z.number(), existing: z.number(), failed: z.array(z.unknown()) }),
  calls: z.number(),
});

const setEnv = envSetter([
  'ASANA_BASE_URL',
  'ASANA_TOKEN',
  'ASANA_WORKSPACE',
  'ASANA_TEAM',
  'ASANA_TOKEN_KIND',
  'HANDOFF_LOCAL_ASANA_DATA',
]);

function sdkClient(basePath: string) {
  const client = new asana.ApiClient();
  client.basePath = basePath;
  client.authentications.token = { type: 'oauth2', accessToken: LOCAL_ASANA_OAUTH_TOKEN };
  client.RETURN_COLLECTION = false;
  return client;
}

/** Reads the project back through the official SDK's own getters. */
async function projectThroughSdk(basePath: string, projectGid: string) {
  const client = sdkClient(basePath);
  const tasks = new asana.TasksApi(client);
  const sections = await new asana.SectionsApi(client).getSectionsForProject(projectGid, { opt_fields: 'name' });
  const list = z
    .object({ data: z.array(z.object({ gid: z.string(), name: z.string() })) })
    .parse(await tasks.getTasksForProject(projectGid, { opt_fields: 'name' }));
  const users = new asana.UsersApi(client);
  const emailOf = async (gid: string) =>
    z.object({ data: z.object({ email: z.string() }) }).parse(await users.getUser(gid, { opt_fields: 'email' })).data
      .email;
  const full = await Promise.all(
    list.data.map(async (t) => {
      const task = z
        .object({
          data: z.object({
            gid: z.string(),
            name: z.string(),
            due_on: z.string().nullable(),
            assignee: z.object({ gid: z.string() }).nullable(),
            memberships: z.array(z.object({ section: z.object({ name: z.string() }) })),
            dependencies: z.array(z.object({ gid: z.string() })),
          }),
        })
        .parse(
          await tasks.getTask(t.gid, { opt_fields: 'name,due_on,assignee,memberships.section.name,dependencies' }),
        ).data;
      return { ...task, assignee: task.assignee ? { email: await emailOf(task.assignee.gid) } : null };
    }),
  );
  return {
    sections: z
      .object({ data: z.array(z.object({ name: z.string() })) })
      .parse(sections)
      .data.map((s) => s.name),
    tasks: full,
  };
}

describe('handoff provision --target asana, on the embedded local Asana (--local)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'handoff-cli-asana-'));
  let asanaSite: LocalAsana;
  beforeAll(() => setEnv({ HANDOFF_LOCAL_ASANA_DATA: dataDir }));
  afterAll(async () => {
    setEnv({});
    await asanaSite?.close();
  });

  const everyPart =
    'makes the project with every task, assignee, due date, section and dependency, and a re-run makes nothing';
  it(everyPart, async () => {
    const first = await runCli('provision', ACME, '--target', 'asana', '--local', '--today', '2026-12-01', '--json');
    expect(first.code).toBe(0);
    expect(first.err).toContain('using the embedded local Asana');
    const created = report.parse(JSON.parse(first.out));
    expect(created.created).toHaveLength(9);
    expect(created.links).toEqual({ created: 4, existing: 0, failed: [] });
    // ⌈9/10⌉ batches + 3 tasks with dependencies + 4 + one a section (5 groups, made one at a time to keep
    // their order), + the run claim: read, write (its notes read first), read again
    expect(created.calls).toBeLessThanOrEqual(1 + 3 + 4 + 5 + 4);

    const again = report.parse(
      JSON.parse(
        (await runCli('provision', ACME, '--target', 'asana', '--local', '--today', '2026-12-01', '--json')).out,
      ),
    );
    expect([again.created, again.links.created, again.existing.length]).toEqual([[], 0, 9]);
    expect(again.calls).toBeLessThanOrEqual(1 + 3 + 4);

    asanaSite = await startLocalAsana({ dataDir, validate: 'strict' });
    const projectGid = created.created.find((c) => c.itemId.endsWith('/parent/acme-onboarding-2026'))?.gid ?? '';
    // The demo workspace is an organization: --local puts the project in its Delivery team.
    const project = await new asana.ProjectsApi(sdkClient(asanaSite.url)).getProject(projectGid, {
      opt_fields: 'team.name',
    });
    expect(
      z.object({ data: z.object({ team: z.object({ gid: z.string(), name: z.string() }) }) }).parse(project).data,
    ).toEqual({ team: { gid: DEMO_TEAM.gid, name: 'Delivery' } });
    const seen = await projectThroughSdk(asanaSite.url, projectGid);
    expect(seen.sections).toEqual([
      'Untitled section',
      'Pilot depot live',
      'All depots live',
      'Promises',
      'Dependencies',
      'Questions & risks',
    ]);
    const byName = (name: string) => seen.tasks.find((t) => t.name === name);
    const sso = byName('SSO with Azure AD before the pilot');
    expect(sso).toMatchObject({
      due_on: '2027-01-04',
      assignee: { email: 'maria.lopez@vendor.example' },
      memberships: [{ section: { name: 'Pilot depot live' } }],
    });
    const azure = byName('[customer] Customer registers the Azure AD app and shares the tenant id');
    expect(azure).toMatchObject({
      assignee: { email: 'sam.okafor@vendor.example' },
      memberships: [{ section: { name: 'Dependencies' } }],
    });
    expect(sso?.dependencies.map((d) => d.gid)).toEqual([azure?.gid]);
    expect(byName('Question: Which depot pilots first?')?.memberships[0]?.section.name).toBe('Questions & risks');
    expect(asanaSite.violations()).toEqual([]);
  });
});

describe('handoff provision --target asana against ASANA_BASE_URL with a personal access token', () => {
  let site: LocalAsana;
  let pat: { ASANA_BASE_URL: string; ASANA_TOKEN: string; ASANA_WORKSPACE: string };
  beforeAll(async () => {
    site = await startLocalAsana({
      dataDir: mkdtempSync(join(tmpdir(), 'handoff-cli-asana-pat-')),
      fresh: true,
      validate: 'strict',
    });
    pat = { ASANA_BASE_URL: site.url, ASANA_TOKEN: LOCAL_ASANA_PAT, ASANA_WORKSPACE: DEMO_WORKSPACE.gid };
    setEnv({ ...pat, ASANA_TEAM: DEMO_TEAM.gid });
  });
  afterAll(async () => {
    setEnv({});
    expect(site.violations()).toEqual([]);
    await site.close();
  });

  it('finds its project and tasks again without external data', async () => {
    const first = report.parse(
      JSON.parse(
        (
          await runCli(
            'provision',
            'examples/brightside-proofing.handoff.yaml',
            '--target',
            'asana',
            '--today',
            '2026-12-01',
            '--json',
          )
        ).out,
      ),
    );
    expect(first.failed).toEqual([]);
    const again = report.parse(
      JSON.parse(
        (
          await runCli(
            'provision',
            'examples/brightside-proofing.handoff.yaml',
            '--target',
            'asana',
            '--today',
            '2026-12-01',
            '--json',
          )
        ).out,
      ),
    );
    expect(again.created).toEqual([]);
    expect(again.existing.map((e) => e.gid).sort()).toEqual(first.created.map((c) => c.gid).sort());
  });

  const noTeam =
    'in an organization without ASANA_TEAM: --dry-run and a run stop at the gate naming ASANA_TEAM, nothing written';
  it(noTeam, async () => {
    setEnv(pat);
    for (const dryRun of [['--dry-run'], []]) {
      site.resetStats();
      const run = await runCli('provision', ACME, '--target', 'asana', '--today', '2026-12-01', ...dryRun);
      expect(run.code).toBe(3);
      expect(run.out).toContain('NOT YET: nothing was created');
      expect(run.out).toMatch(/✗ title: Asana workspace "Handoff Demo" \(\d+\) is an organization: .* set ASANA_TEAM/);
      expect(run.out).toContain(`Delivery (${DEMO_TEAM.gid})`);
      const { requests } = site.stats();
      expect(Object.keys(requests).filter((r) => !r.startsWith('GET '))).toEqual([]);
      // Besides the people (GET /users/{email}, one each): the workspace's kind, the caller's teams, the tier.
      expect(requests).toMatchObject({
        'GET /api/1.0/workspaces/{workspace_gid}': 1,
        'GET /api/1.0/users/{user_gid}/teams': 1,
        'GET /api/1.0/workspaces/{workspace_gid}/tasks/search': 1,
      });
      expect(site.stats().total).toBe((requests['GET /api/1.0/users/{user_gid}'] ?? 0) + 3);
    }
    setEnv({ ...pat, ASANA_TEAM: DEMO_TEAM.gid });
  });

  it('needs a workspace and a token with the base URL (usage error)', async () => {
    setEnv({ ASANA_BASE_URL: site.url, ASANA_TOKEN: LOCAL_ASANA_PAT });
    expect((await runCli('provision', ACME, '--target', 'asana', '--today', '2026-12-01')).code).toBe(2);
    setEnv({ ...pat, ASANA_TEAM: DEMO_TEAM.gid });
  });
});
