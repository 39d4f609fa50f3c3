import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DEMO_TEAM,
  DEMO_WORKSPACE,
  LOCAL_ASANA_OAUTH_TOKEN,
  OTHER_WORKSPACE,
  type LocalAsana,
} from '../../emulators/asana/index';
import type { LocalJira } from '../../emulators/jira/index';
import type { AsanaUser } from '../../src/forge/asana/asana-access';
import { createForgeApp, errorOf, okValue } from './support/forge-harness';
import { exampleRecord } from './support/records';
import { useJiraAndAsana } from './support/jira-and-asana';

/**
 * Issue 17, point 1, through the Forge app's real resolvers and queue consumer: a record whose
 * target is an Asana team, on the local Asana (spec-strict, its hard limits on), with the page's
 * user acting through a send function as Forge's external auth does, and the app's background
 * grant for the queue.
 */
let jira: LocalJira;
let asana: LocalAsana;
useJiraAndAsana('forge-asana', (local) => ({ jira, asana } = local));

/** The admin's Asana, as Forge's provider fetch would send for them once they connected; `connected` says whether. */
function adminAsana(state: { connected: boolean }): AsanaUser {
  return {
    connection: {
      basePath: '',
      tokenKind: 'oauth',
      send: (path, init) =>
        fetch(`${asana.url}${path}`, {
          ...init,
          headers: { ...init.headers, authorization: `Bearer ${LOCAL_ASANA_OAUTH_TOKEN}` },
        }),
    },
    connected: async () => state.connected,
    account: async () => (state.connected ? { id: '1', name: 'Handoff Admin' } : null),
    connect: () => Promise.reject(Object.assign(new Error('consent'), { name: 'NEEDS_AUTHENTICATION_ERR' })),
  };
}

const targetView = z.object({
  name: z.string(),
  fixed: z.string().nullable(),
  itemLinkPrefix: z.string().nullable(),
  asana: z.object({ connected: z.boolean(), background: z.boolean() }),
});
const ASANA_TEAM = { kind: 'asana', workspace: DEMO_WORKSPACE.gid, team: DEMO_TEAM.gid } as const;

/** Every task of the record's Asana project, read with Asana's own API. */
async function tasksOf(projectName: string): Promise<string[]> {
  const get = async (path: string) =>
    (await fetch(`${asana.url}${path}`, { headers: { authorization: `Bearer ${LOCAL_ASANA_OAUTH_TOKEN}` } })).json();
  const projects = z
    .object({ data: z.array(z.object({ gid: z.string(), name: z.string() })) })
    .parse(await get(`/workspaces/${DEMO_WORKSPACE.gid}/projects?opt_fields=name`));
  const project = projects.data.find((p) => p.name === projectName);
  if (!project) throw new Error(`no project ${projectName} among ${projects.data.map((p) => p.name).join(', ')}`);
  const tasks = z
    .object({ data: z.array(z.object({ name: z.string() })) })
    .parse(await get(`/projects/${project.gid}/tasks?opt_fields=name&limit=100`));
  return tasks.data.map((t) => t.name);
}

describe('a record provisioned in an Asana team from the Jira page', () => {
  const state = { connected: false };
  const background = { basePath: asana?.url ?? '', tokenKind: 'oauth' as const, token: LOCAL_ASANA_OAUTH_TOKEN };
  const app = () =>
    createForgeApp(jira, {
      overrides: {
        asanaAsUser: () => adminAsana(state),
        asanaAsApp: () => ({ ...background, basePath: asana.url }),
      },
    });
  let forge: ReturnType<typeof createForgeApp>;
  beforeAll(() => {
    forge = app();
  });

  it('is Jira until chosen; Asana needs a connected caller, and Connect Asana asks for consent', async () => {
    const record = exampleRecord('acme-onboarding', { id: 'asana-target-1' });
    okValue(await forge.call('saveRecord', { record }), z.unknown());
    expect(okValue(await forge.call('provisionTarget'), targetView).name).toBe('DEL');
    expect(errorOf(await forge.call('setProvisionTarget', { target: ASANA_TEAM })).code).toBe('NOT_CONNECTED');
    await expect(forge.call('connectAsana')).rejects.toMatchObject({ name: 'NEEDS_AUTHENTICATION_ERR' });
  });

  it("takes only a workspace and team the caller's Asana shows them", async () => {
    state.connected = true;
    const workspaces = okValue(
      await forge.call('asanaWorkspaces'),
      z.array(z.object({ gid: z.string(), teams: z.array(z.object({ gid: z.string(), name: z.string() })) })),
    );
    expect(workspaces.find((w) => w.gid === DEMO_WORKSPACE.gid)?.teams.map((t) => t.gid)).toContain(DEMO_TEAM.gid);
    const elsewhere = { kind: 'asana', workspace: OTHER_WORKSPACE.gid, team: null };
    expect(errorOf(await forge.call('setProvisionTarget', { target: elsewhere })).code).toMatch(
      /NOT_FOUND|BAD_REQUEST/,
    );
    const noTeam = { ...ASANA_TEAM, team: null };
    expect(errorOf(await forge.call('setProvisionTarget', { target: noTeam })).code).toBe('BAD_REQUEST');
    const chosen = okValue(await forge.call('setProvisionTarget', { target: ASANA_TEAM }), targetView);
    expect(chosen.name).toBe(`Asana · ${DEMO_TEAM.name}`);
    expect(chosen.itemLinkPrefix).toBe('https://app.asana.com/0/0/');
  });

  it('gates against Asana, provisions every item once, and the target is then fixed', async () => {
    const gate = okValue(
      await forge.call('gate'),
      z.object({ decision: z.string(), tracker: z.object({ name: z.string() }) }),
    );
    expect(gate).toMatchObject({ decision: 'go', tracker: { name: 'asana' } });
    const provisioned = okValue(
      await forge.call('provision'),
      z.object({ mode: z.literal('inline'), outcome: z.object({ created: z.array(z.object({ key: z.string() })) }) }),
    );
    const plan = okValue(await forge.call('plan'), z.object({ target: z.string(), items: z.array(z.unknown()) }));
    expect(plan.target).toBe('asana');
    expect(provisioned.outcome.created).toHaveLength(plan.items.length);
    const tasks = await tasksOf('Handoff: Acme Logistics onboarding [asana-target-1]');
    // The parent item is the project itself (with its overview task): one task per other item, no duplicate.
    expect(new Set(tasks).size).toBe(tasks.length);
    expect(tasks.length).toBeGreaterThanOrEqual(plan.items.length - 1);
    // A second run creates nothing.
    const again = okValue(
      await forge.call('provision'),
      z.object({ outcome: z.object({ created: z.array(z.unknown()), existing: z.array(z.unknown()) }) }),
    );
    expect(again.outcome.created).toHaveLength(0);
    expect((await tasksOf('Handoff: Acme Logistics onboarding [asana-target-1]')).length).toBe(tasks.length);
    const view = okValue(await forge.call('provisionTarget'), targetView);
    expect(view.fixed).toMatch(/target is fixed/);
    expect(errorOf(await forge.call('setProvisionTarget', { target: { kind: 'jira' } })).code).toBe('CONFLICT');
  });

  it("reads each task's state for the Plan from Asana", async () => {
    const statuses = okValue(
      await forge.call('issueStatuses'),
      z.object({ items: z.record(z.string(), z.object({ status: z.object({ name: z.string() }).nullable() })) }),
    );
    const names = Object.values(statuses.items).map((i) => i.status?.name);
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names)).toEqual(new Set(['Open']));
  });

  it('gates the record itself for someone not connected to Asana, and says nobody was looked up there', async () => {
    state.connected = false;
    const gate = okValue(
      await forge.call('gate'),
      z.object({ decision: z.string(), items: z.number(), tracker: z.object({ lookedUp: z.boolean() }) }),
    );
    expect(gate).toMatchObject({ decision: 'go', tracker: { lookedUp: false } });
    expect(gate.items).toBeGreaterThan(0);
    // What writes to Asana still needs their own account.
    expect(errorOf(await forge.call('provision')).code).toBe('NOT_CONNECTED');
    state.connected = true;
  });

  it('refuses, before anything is queued, a background run when the app has no Asana grant', async () => {
    const noGrant = createForgeApp(jira, {
      limits: { inlineItems: 0 },
      overrides: { asanaAsUser: () => adminAsana(state), asanaAsApp: () => null },
    });
    const record = exampleRecord('acme-onboarding', { id: 'asana-target-2', title: 'Acme without a grant' });
    okValue(await noGrant.call('saveRecord', { record }), z.unknown());
    okValue(await noGrant.call('setProvisionTarget', { target: ASANA_TEAM }), targetView);
    const refused = errorOf(await noGrant.call('provision'));
    expect(refused.code).toBe('NOT_CONNECTED');
    expect(refused.message).toMatch(/ASANA_REFRESH_TOKEN/);
    expect(await noGrant.drainQueue()).toBe(0);
  });
});
