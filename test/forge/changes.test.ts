import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { HandoffRecord } from '../../src/domain/record/record';
import { accountIdFor, type LocalJira } from '../../emulators/jira/index';
import {
  ADMIN,
  MEMBER,
  createForgeApp,
  errorOf,
  issuesOf,
  okValue,
  rest,
  closeJira,
  startJira,
  type Credentials,
  type ForgeApp,
} from './support/forge-harness';
import { commentsOn } from './support/jira-issues';
import { exampleRecord } from './support/records';

let jira: LocalJira;
beforeAll(async () => {
  jira = await startJira();
});
afterAll(() => closeJira(jira));

const proposal = z.object({
  kind: z.literal('proposed'),
  key: z.string(),
  url: z.string(),
  change: z.object({
    added: z.array(z.object({ itemId: z.string() })),
    removed: z.array(z.object({ itemId: z.string() })),
  }),
});
const decision = z.object({ key: z.string(), status: z.string(), by: z.string(), applying: z.string().nullable() });
const history = z.object({
  history: z.array(z.object({ by: z.string(), action: z.string(), summary: z.string() })),
  record: z.object({ promises: z.array(z.object({ id: z.string() })) }),
});
const changeLog = z.object({
  changes: z.array(z.object({ key: z.string(), status: z.string() })),
  events: z.array(z.object({ action: z.string(), by: z.string(), key: z.string() })),
});

/**
 * Acme with Maria (a member the harness can act as) as approval owner,
 * provisioned inline; and the change: one promise dropped, one added.
 */
async function provisioned(app: ForgeApp, id: string): Promise<{ base: HandoffRecord; proposed: HandoffRecord }> {
  const acme = exampleRecord('acme-onboarding');
  const base = exampleRecord('acme-onboarding', { id, people: { ...acme.people, 'approval-owner': MEMBER.email } });
  okValue(await app.call('saveRecord', { record: base }), z.unknown());
  okValue(await app.call('provision'), z.object({ mode: z.literal('inline') }));
  const promises = (base.promises ?? []).filter((p) => p.id !== 'import');
  const proposed = {
    ...base,
    promises: [
      ...promises,
      {
        id: 'weekly-report',
        title: 'Weekly status report to the steering group',
        owner: 'delivery-owner',
        due: 'kickoff+5bd',
      },
    ],
    dependencies: base.dependencies?.map((d) => ({ ...d, blocks: d.blocks?.filter((b) => b !== 'import') })),
  };
  return { base, proposed };
}

/** Moves an issue to a status as `who`, through Jira, and returns the event Forge delivers for it. */
async function moveAs(who: Credentials, key: string, status: string) {
  const auth = {
    authorization: `Basic ${Buffer.from(`${who.email}:${who.apiToken}`).toString('base64')}`,
    'content-type': 'application/json',
  };
  const offered = z
    .object({ transitions: z.array(z.object({ id: z.string(), to: z.object({ id: z.string(), name: z.string() }) })) })
    .parse(await (await fetch(`${jira.url}/rest/api/3/issue/${key}/transitions`, { headers: auth })).json())
    .transitions.find((t) => t.to.name === status);
  await fetch(`${jira.url}/rest/api/3/issue/${key}/transitions`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ transition: { id: offered?.id } }),
  });
  return {
    atlassianId: accountIdFor(who.email),
    issue: { key, fields: { project: { key: 'DEL' } } },
    changelog: { items: [{ field: 'status', fieldId: 'status', to: offered?.to.id, toString: status }] },
  };
}

describe('change control from the project page', () => {
  const proposeApproveApply =
    'propose → approve (by the approval owner) → applied in the background; the stored record becomes the proposed one';
  it(proposeApproveApply, async () => {
    const app = createForgeApp(jira);
    const { proposed } = await provisioned(app, 'forge-change');
    const proposal1 = okValue(await app.call('proposeChange', { record: proposed }), proposal);
    expect(proposal1.change.added.map((a) => a.itemId)).toEqual(['forge-change/promise/weekly-report']);
    expect((await issuesOf(jira, 'forge-change')).has('forge-change/promise/weekly-report')).toBe(false);

    expect(errorOf(await app.call('approveChange', { key: proposal1.key }))).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining(`only ${MEMBER.email}`),
    });
    expect(errorOf(await app.call('applyChange', { key: proposal1.key }))).toMatchObject({ code: 'NOT_YET' });
    // The clock stands still unless moved: the owner approves a minute later, so history has an order.
    app.clock.advance(60_000);
    expect(okValue(await app.call('approveChange', { key: proposal1.key }, { who: MEMBER }), decision)).toEqual({
      key: proposal1.key,
      status: 'approved',
      by: 'Maria Lopez',
      applying: 'queued',
    });
    app.clock.advance(60_000);
    await app.drainQueue();

    const issues = await issuesOf(jira, 'forge-change');
    expect(issues.get('forge-change/promise/weekly-report')).toHaveLength(1);
    const [descoped] = issues.get('forge-change/promise/import') ?? [];
    expect(
      z
        .object({ fields: z.object({ labels: z.array(z.string()) }) })
        .parse(await rest(jira, 'GET', `/rest/api/3/issue/${descoped}?fields=labels`)).fields.labels,
    ).toContain('descoped');
    expect((await commentsOn(jira, descoped ?? '')).map((c) => c.text).join()).toContain(
      `Descoped by change request ${proposal1.key}`,
    );

    const loaded = okValue(await app.call('loadRecord'), history);
    expect(loaded.record.promises.map((p) => p.id)).toContain('weekly-report');
    expect(loaded.history.map((h) => h.action)).toEqual([
      'saved',
      'provisioning-started',
      'provisioned',
      'change-proposed',
      'change-approved',
      'change-applied',
    ]);
    expect((await app.settled(await app.call('changeHistory'), changeLog)).events.map((e) => [e.action, e.by])).toEqual(
      [
        ['proposed', 'Handoff Admin'],
        ['approved', 'Maria Lopez'],
        // The queue applies it as the app's own account, not as anyone who happens to be an admin.
        ['applied', 'Handoff (app)'],
      ],
    );
    expect(
      okValue(await app.call('applyChange', { key: proposal1.key }), z.object({ kind: z.literal('already-applied') })),
    ).toBeTruthy();
    expect((await app.settled(await app.call('coverage'), z.object({ complete: z.boolean() }))).complete).toBe(true);
  });

  it('refuses to save another version of a provisioned record: a change is a proposal', async () => {
    const app = createForgeApp(jira);
    const { base, proposed } = await provisioned(app, 'forge-no-edit');
    expect(errorOf(await app.call('saveRecord', { record: proposed }))).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('propose it'),
    });
    okValue(await app.call('saveRecord', { record: base }), z.unknown());
  });

  it('refuses to save another record over a provisioned one: its issues would lose their record', async () => {
    const app = createForgeApp(jira);
    const { base } = await provisioned(app, 'forge-no-replace');
    const other = { ...base, id: 'forge-another-handoff', title: 'Another handoff' };
    expect(errorOf(await app.call('saveRecord', { record: other }))).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('cannot replace it'),
    });
    const loaded = okValue(await app.call('loadRecord'), z.object({ record: z.object({ id: z.string() }) }));
    expect(loaded.record.id).toBe(base.id);
  });

  const kickoffAppliesChange =
    'the kickoff trigger applies a change request the approval owner moved to Done, ' +
    'and refuses one moved by anyone else';
  it(kickoffAppliesChange, async () => {
    const app = createForgeApp(jira);
    const { proposed } = await provisioned(app, 'forge-trigger');
    const first = okValue(await app.call('proposeChange', { record: proposed }), proposal);
    await app.kickoff(await moveAs(ADMIN, first.key, 'Done'));
    expect(app.pending).toEqual([]);
    expect((await commentsOn(jira, first.key)).map((c) => c.text).join()).toContain(
      `Not applied. Only ${MEMBER.email} (the approval owner) can approve this change`,
    );

    await moveAs(ADMIN, first.key, 'To Do');
    await app.kickoff(await moveAs(MEMBER, first.key, 'Done'));
    expect(app.pending).toHaveLength(1);
    await app.drainQueue();
    expect((await issuesOf(jira, 'forge-trigger')).has('forge-trigger/promise/weekly-report')).toBe(true);
    expect((await app.settled(await app.call('changeHistory'), changeLog)).changes).toEqual([
      { key: first.key, status: 'applied' },
    ]);
    expect(app.logs).toEqual([]);
  });

  it('restricted projects: the daily check applies what the approval owner approved with no event, once', async () => {
    const app = createForgeApp(jira);
    const { proposed } = await provisioned(app, 'forge-restricted');
    const first = okValue(await app.call('proposeChange', { record: proposed }), proposal);
    await moveAs(ADMIN, first.key, 'Done'); // not the approval owner; Jira sends the app no event
    await app.scheduled();
    expect(app.pending).toEqual([]);

    await moveAs(ADMIN, first.key, 'To Do');
    await moveAs(MEMBER, first.key, 'Done');
    await app.scheduled();
    expect(app.pending).toHaveLength(1);
    await app.drainQueue();
    expect((await issuesOf(jira, 'forge-restricted')).has('forge-restricted/promise/weekly-report')).toBe(true);
    expect((await app.settled(await app.call('changeHistory'), changeLog)).changes).toEqual([
      { key: first.key, status: 'applied' },
    ]);
    await app.scheduled();
    expect(app.pending).toEqual([]);
    expect(await commentsOn(jira, first.key)).not.toContainEqual(
      expect.objectContaining({ text: expect.stringContaining('Not applied') }),
    );
    expect(app.logs).toEqual([]);
  });

  it('rejects with a reason, and moves open tickets to another owner with a transition note', async () => {
    const app = createForgeApp(jira);
    const { proposed } = await provisioned(app, 'forge-reject');
    const { key } = okValue(await app.call('proposeChange', { record: proposed }), proposal);
    expect(
      okValue(await app.call('rejectChange', { key, reason: 'Not this quarter' }, { who: MEMBER }), decision),
    ).toMatchObject({ status: 'rejected', applying: null });
    expect(errorOf(await app.call('applyChange', { key }))).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Not this quarter'),
    });
    expect(errorOf(await app.call('rejectChange', { key: 'OTHER-1', reason: 'x' }))).toMatchObject({
      code: 'BAD_REQUEST',
    });

    const moved = await app.settled(
      await app.call('transferOwner', { from: MEMBER.email, to: 'priya.nair@vendor.example' }),
      z.object({ moved: z.array(z.object({ key: z.string() })), failed: z.array(z.unknown()) }),
    );
    expect(moved.moved.length).toBeGreaterThan(0);
    expect(moved.failed).toEqual([]);
    expect((await commentsOn(jira, moved.moved[0]?.key ?? '')).map((c) => c.text).join()).toContain(
      `Owner transfer: this moved from ${MEMBER.email} to priya.nair@vendor.example`,
    );
    expect(
      okValue(await app.call('loadRecord'), history)
        .history.map((h) => h.action)
        .slice(-3),
    ).toEqual(['change-proposed', 'change-rejected', 'owner-transferred']);
  });
});
