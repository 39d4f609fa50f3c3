import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DEMO_TEAM,
  DEMO_WORKSPACE,
  LOCAL_ASANA_OAUTH_TOKEN,
  localAsanaTokens,
  type LocalAsana,
} from '../../emulators/asana/index';
import { accountIdFor, type LocalJira } from '../../emulators/jira/index';
import type { AsanaUser } from '../../src/forge/asana/asana-access';
import type { HandoffRecord } from '../../src/domain/record/record';
import { ADMIN, MEMBER, createForgeApp, errorOf, okValue } from './support/forge-harness';
import { exampleRecord } from './support/records';
import { useJiraAndAsana } from './support/jira-and-asana';

/**
 * Issue 17, point 1, past provisioning: change control (propose → approve by the approval owner →
 * applied by the queue), history, coverage and owner transfer for a record whose target is an
 * Asana team — through the Forge app's real resolvers and queue consumer, on the local Asana
 * (spec-strict). Each person on the page acts in Asana as themselves (Forge's provider fetch with
 * their token); the queue acts with the app's background grant (the admin's token).
 */
let jira: LocalJira;
let asana: LocalAsana;
useJiraAndAsana('forge-asana-change', (local) => ({ jira, asana } = local));

const PRIYA = 'priya.nair@vendor.example';
/** Jira account → the e-mail whose Asana account that person connected. */
const emails = new Map([ADMIN.email, MEMBER.email, PRIYA].map((email) => [accountIdFor(email), email]));

/** The caller's Asana, as Forge's provider fetch sends for them: their own OAuth token. */
function asanaOf(accountId: string): AsanaUser {
  const email = emails.get(accountId);
  if (!email) throw new Error(`the test connected no Asana account for ${accountId}`);
  const token = localAsanaTokens(email).oauthToken;
  return {
    connection: {
      basePath: '',
      tokenKind: 'oauth',
      send: (path, init) =>
        fetch(`${asana.url}${path}`, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } }),
    },
    connected: async () => true,
    account: async () => ({ id: accountId, name: email }),
    connect: async () => {},
  };
}

/** Asana's own API as the admin, to read back (and change by hand) what the app did. */
async function asanaRest(method: string, path: string, data?: unknown): Promise<unknown> {
  const response = await fetch(`${asana.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${LOCAL_ASANA_OAUTH_TOKEN}`, 'content-type': 'application/json' },
    body: data === undefined ? undefined : JSON.stringify({ data }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

const taskList = z.object({
  data: z.array(
    z.object({
      gid: z.string(),
      name: z.string(),
      completed: z.boolean(),
      due_on: z.string().nullable(),
      assignee: z.object({ name: z.string() }).nullable(),
      memberships: z.array(z.object({ section: z.object({ name: z.string() }).nullable() })),
    }),
  ),
});
type AsanaTask = z.output<typeof taskList>['data'][number];

/** The record's Asana project (its name ends with the record id), and every task in it. */
async function projectOf(recordId: string): Promise<{ gid: string; tasks: AsanaTask[] }> {
  const projects = z
    .object({ data: z.array(z.object({ gid: z.string(), name: z.string() })) })
    .parse(await asanaRest('GET', `/workspaces/${DEMO_WORKSPACE.gid}/projects?opt_fields=name`));
  const project = projects.data.find((p) => p.name.endsWith(`[${recordId}]`));
  if (!project) throw new Error(`no Asana project for ${recordId}`);
  const fields = 'name,completed,due_on,assignee.name,memberships.section.name';
  const tasks = taskList.parse(
    await asanaRest('GET', `/projects/${project.gid}/tasks?opt_fields=${fields}&limit=100`),
  ).data;
  return { gid: project.gid, tasks };
}
const named = (tasks: AsanaTask[], name: string) => tasks.filter((t) => t.name.includes(name));
const sectionOf = (task: AsanaTask | undefined) => task?.memberships.map((m) => m.section?.name).join();

async function commentsOn(gid: string): Promise<string[]> {
  return z
    .object({ data: z.array(z.object({ resource_subtype: z.string(), text: z.string() })) })
    .parse(await asanaRest('GET', `/tasks/${gid}/stories?opt_fields=resource_subtype,text`))
    .data.filter((s) => s.resource_subtype === 'comment_added')
    .map((s) => s.text);
}

const ASANA_TEAM = { kind: 'asana', workspace: DEMO_WORKSPACE.gid, team: DEMO_TEAM.gid } as const;
const proposal = z.object({
  kind: z.literal('proposed'),
  key: z.string(),
  url: z.string(),
  change: z.object({
    added: z.array(z.object({ itemId: z.string() })),
    removed: z.array(z.object({ itemId: z.string() })),
    changed: z.array(z.object({ itemId: z.string() })),
  }),
});
const decision = z.object({ key: z.string(), status: z.string(), by: z.string(), applying: z.string().nullable() });
const changeLog = z.object({
  changes: z.array(z.object({ key: z.string(), status: z.string() })),
  events: z.array(z.object({ action: z.string(), by: z.string(), key: z.string() })),
});
const coverageView = z.object({
  complete: z.boolean(),
  promises: z.array(z.object({ promiseId: z.string().optional(), ticket: z.string().nullable() }).loose()),
  withoutTicket: z.array(z.object({ itemId: z.string() })),
  withoutPromise: z.array(z.object({ itemId: z.string(), descoped: z.boolean() })),
});

/**
 * Acme, Maria its approval owner, provisioned in the Asana team from the page; the change: the
 * `import` promise descoped, a weekly report added, SSO's due date two business days later.
 */
function acmeAndItsChange(id: string): { base: HandoffRecord; proposed: HandoffRecord } {
  const acme = exampleRecord('acme-onboarding');
  const base = exampleRecord('acme-onboarding', { id, people: { ...acme.people, 'approval-owner': MEMBER.email } });
  const promises = (base.promises ?? [])
    .filter((p) => p.id !== 'import')
    .map((p) => (p.id === 'sso' ? { ...p, due: 'kickoff+12bd' } : p));
  const weekly = { id: 'weekly-report', title: 'Weekly status report to the steering group' };
  return {
    base,
    proposed: {
      ...base,
      promises: [...promises, { ...weekly, owner: 'delivery-owner', due: 'kickoff+5bd' }],
      dependencies: base.dependencies?.map((d) => ({ ...d, blocks: d.blocks?.filter((b) => b !== 'import') })),
    },
  };
}

describe('change control, history, coverage and owner transfer on a record provisioned in Asana', () => {
  const app = () =>
    createForgeApp(jira, {
      overrides: {
        asanaAsUser: asanaOf,
        asanaAsApp: () => ({ basePath: asana.url, tokenKind: 'oauth', token: LOCAL_ASANA_OAUTH_TOKEN }),
      },
    });
  let forge: ReturnType<typeof app>;
  const { base, proposed } = acmeAndItsChange('asana-change-1');
  let key = '';
  /** SSO's due date as provisioned, which the change moves two business days later. */
  let ssoDueBefore = '';

  beforeAll(async () => {
    forge = app();
    okValue(await forge.call('saveRecord', { record: base }), z.unknown());
    okValue(await forge.call('setProvisionTarget', { target: ASANA_TEAM }), z.unknown());
    okValue(await forge.call('provision'), z.object({ mode: z.literal('inline') }));
  });

  it('proposes from the page: a change-request task in the record’s project, naming the tasks it affects', async () => {
    const proposed1 = okValue(await forge.call('proposeChange', { record: proposed }), proposal);
    key = proposed1.key;
    expect(key).toMatch(/^\d+$/);
    expect(proposed1.url).toBe(`https://app.asana.com/0/0/${key}`);
    expect(proposed1.change.added.map((a) => a.itemId)).toEqual(['asana-change-1/promise/weekly-report']);
    expect(proposed1.change.removed.map((r) => r.itemId)).toEqual(['asana-change-1/promise/import']);
    expect(proposed1.change.changed.map((c) => c.itemId)).toContain('asana-change-1/promise/sso');

    const { tasks } = await projectOf('asana-change-1');
    ssoDueBefore = named(tasks, 'SSO with Azure AD')[0]?.due_on ?? '';
    const request = tasks.find((t) => t.gid === key);
    expect(sectionOf(request)).toBe('Change requests');
    expect(request?.completed).toBe(false);
    // Nothing is applied before the approval.
    expect(named(tasks, 'Weekly status report')).toEqual([]);
    // Asana has no generic relation: the request's "Related tasks" comment links each affected task.
    const related = (await commentsOn(key)).find((c) => c.startsWith('Related tasks:')) ?? '';
    for (const task of [...named(tasks, 'SSO with Azure AD'), ...named(tasks, 'Import two years')])
      expect(related).toContain(`https://app.asana.com/0/0/${task.gid}`);
  });

  it('refuses the approval of anyone but the approval owner, and an apply before it', async () => {
    expect(errorOf(await forge.call('approveChange', { key }))).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining(`only ${MEMBER.email}`),
    });
    expect(errorOf(await forge.call('applyChange', { key }))).toMatchObject({ code: 'NOT_YET' });
    expect((await projectOf('asana-change-1')).tasks.find((t) => t.gid === key)?.completed).toBe(false);
    expect(forge.pending).toEqual([]);
  });

  it('the approval owner approves from the page; the queue applies it in Asana, exactly once', async () => {
    forge.clock.advance(60_000);
    expect(okValue(await forge.call('approveChange', { key }, { who: MEMBER }), decision)).toEqual({
      key,
      status: 'approved',
      by: 'Maria Lopez',
      applying: 'queued',
    });
    forge.clock.advance(60_000);
    await forge.drainQueue();
    // Applying again, from the page, finds it applied and queues nothing.
    expect(okValue(await forge.call('applyChange', { key }), z.object({ kind: z.string() })).kind).toBe(
      'already-applied',
    );
    expect(forge.pending).toEqual([]);

    const { tasks } = await projectOf('asana-change-1');
    expect(tasks.find((t) => t.gid === key)?.completed).toBe(true);
    const weekly = named(tasks, 'Weekly status report to the steering group');
    expect(weekly).toHaveLength(1);
    expect(weekly[0]?.assignee?.name).toBe('Maria Lopez');
    const [descoped] = named(tasks, 'Import two years');
    expect(sectionOf(descoped)).toBe('Descoped');
    expect((await commentsOn(descoped?.gid ?? '')).join()).toContain(`Descoped by change request ${key}`);
    // kickoff+10bd → kickoff+12bd: two business days later than what provisioning set.
    const [sso] = named(tasks, 'SSO with Azure AD');
    expect(sso?.due_on ?? '').not.toBe(ssoDueBefore);
    expect((sso?.due_on ?? '') > ssoDueBefore).toBe(true);
    expect((await commentsOn(key)).join()).toContain('Applied');
  });

  it('the journal and changeHistory say who proposed, approved and applied it', async () => {
    const loaded = okValue(
      await forge.call('loadRecord'),
      z.object({
        history: z.array(z.object({ action: z.string() })),
        record: z.object({ promises: z.array(z.object({ id: z.string(), due: z.string().optional() })) }),
      }),
    );
    expect(loaded.record.promises.map((p) => p.id)).toContain('weekly-report');
    expect(loaded.record.promises.find((p) => p.id === 'sso')?.due).toBe('kickoff+12bd');
    expect(loaded.history.map((h) => h.action)).toEqual([
      'saved',
      'saved', // the target: Asana · Delivery
      'provisioning-started',
      'provisioned',
      'change-proposed',
      'change-approved',
      'change-applied',
    ]);
    const log = await forge.settled(await forge.call('changeHistory'), changeLog);
    expect(log.changes).toEqual([{ key, status: 'applied' }]);
    // Sorted by when: the approval's time is Asana's `completed_at` (the local Asana's real clock), the others
    // the app's (the harness's clock, which stands still) — so only who did what is compared here.
    expect(log.events.map((e) => [e.action, e.by]).sort()).toEqual([
      ['applied', "Handoff (app) through Handoff Admin's Asana grant"],
      ['approved', 'Maria Lopez'],
      ['proposed', 'Handoff Admin'],
    ]);
  });

  it('coverage on Asana: complete; then it names a task deleted by hand, not one completed by hand', async () => {
    const before = await forge.settled(await forge.call('coverage'), coverageView);
    expect(before.withoutTicket).toEqual([]);
    expect(before.complete).toBe(true);
    expect(before.withoutPromise.map((t) => [t.itemId, t.descoped])).toEqual([['asana-change-1/promise/import', true]]);

    const { tasks } = await projectOf('asana-change-1');
    const [training] = named(tasks, 'Two recorded admin training');
    const [risk] = named(tasks, 'Peak-season freeze');
    await asanaRest('PUT', `/tasks/${risk?.gid}`, { completed: true });
    await asanaRest('DELETE', `/tasks/${training?.gid}`);

    const after = await forge.settled(await forge.call('coverage'), coverageView);
    expect(after.complete).toBe(false);
    // Only the deleted one: the risk completed by hand still has its task.
    expect(after.withoutTicket.map((t) => t.itemId)).toEqual(['asana-change-1/promise/training']);
  });

  it("transfers an owner's open tasks in Asana, and refuses, naming them, someone not in the workspace", async () => {
    const stranger = 'nobody@elsewhere.example';
    const refused = await forge.call('transferOwner', { from: MEMBER.email, to: stranger });
    const refusal = await forge
      .settled(refused, z.unknown())
      .then(() => '')
      .catch((error: unknown) => String(error));
    expect(refusal).toContain(`${stranger} has no Asana account that can be assigned work`);
    // Open = not completed and not descoped (descoped tasks stay with whoever had them, as in Jira).
    const open = (await projectOf('asana-change-1')).tasks.filter(
      (t) => !t.completed && t.assignee?.name === 'Maria Lopez' && sectionOf(t) !== 'Descoped',
    );
    expect(open.length).toBeGreaterThan(1);

    const moved = await forge.settled(
      await forge.call('transferOwner', { from: MEMBER.email, to: PRIYA }),
      z.object({ moved: z.array(z.object({ key: z.string() })), failed: z.array(z.unknown()) }),
    );
    expect(moved.failed).toEqual([]);
    expect(moved.moved).toHaveLength(open.length);
    const now = (await projectOf('asana-change-1')).tasks;
    for (const task of open) expect(now.find((t) => t.gid === task.gid)?.assignee?.name).toBe('Priya Nair');
    // Done tasks (the approved change request, the risk completed by hand) and the descoped one stay hers.
    expect(now.filter((t) => !t.completed && t.assignee?.name === 'Maria Lopez').map(sectionOf)).toEqual(['Descoped']);
  });
});
