import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { LocalJira } from '../../emulators/jira/index';
import { MEMBER, closeJira, createForgeApp, errorOf, okValue, startJira, type ForgeApp } from './support/forge-harness';
import { exampleRecord } from './support/records';

let jira: LocalJira;
beforeAll(async () => {
  jira = await startJira();
});
afterAll(() => closeJira(jira));

const status = z.object({
  run: z.object({ outcome: z.object({ created: z.array(z.object({ itemId: z.string(), key: z.string() })) }) }),
});
const link = z.object({ itemId: z.string(), key: z.string().nullable(), linked: z.boolean() }).loose();
const itemView = z
  .object({
    kind: z.literal('item'),
    item: z.object({
      title: z.string(),
      source: z.object({ label: z.string(), url: z.string().nullable() }).nullable(),
      owner: z.object({ email: z.string().nullable() }).loose(),
      due: z.string().nullable(),
      descoped: z.object({ reason: z.string().nullable() }).nullable(),
    }),
    record: z.object({
      id: z.string(),
      gate: z.object({ decision: z.string() }),
      run: z.object({ state: z.string() }),
    }),
    coverage: z.object({ state: z.string(), sameRun: z.boolean(), differences: z.array(z.string()) }),
    risk: z.string().nullable(),
    blocks: z.array(link),
    blockedBy: z.array(link),
    changes: z.array(z.object({ key: z.string(), outcome: z.string().nullable() }).loose()),
  })
  .loose();
const changeView = z.object({
  kind: z.literal('change'),
  review: z.object({ key: z.string(), refusal: z.string().nullable(), change: z.unknown() }).loose(),
});

/** Acme with Maria as approval owner, provisioned inline: item id → issue key. */
async function provisioned(app: ForgeApp, id: string): Promise<Map<string, string>> {
  const acme = exampleRecord('acme-onboarding');
  const base = exampleRecord('acme-onboarding', { id, people: { ...acme.people, 'approval-owner': MEMBER.email } });
  okValue(await app.call('saveRecord', { record: base }), z.unknown());
  okValue(await app.call('provision'), z.object({ mode: z.literal('inline') }));
  const run = okValue(await app.call('provisioningStatus'), status).run;
  return new Map(run.outcome.created.map(({ itemId, key }) => [itemId, key]));
}

/** The Jira requests `call` makes, by operation. */
async function requestsOf(call: () => Promise<unknown>) {
  jira.resetStats();
  const answer = await call();
  return { answer, requests: jira.stats().requests, total: jira.stats().total };
}

describe('the issue context: the promise behind an issue, in one resolver call', () => {
  it('shows where it was promised, who owns it, what it waits on and the record, in one Jira request', async () => {
    const app = createForgeApp(jira);
    const keys = await provisioned(app, 'context-sso');
    const sso = keys.get('context-sso/promise/sso') ?? '';
    const azure = keys.get('context-sso/dependency/azure-app');

    const { answer, requests, total } = await requestsOf(() => app.call('issueContext', { issueKey: sso }));
    const view = okValue(answer, itemView);
    expect(view.item).toMatchObject({ title: expect.stringContaining('SSO'), descoped: null });
    expect(view.item.source).toEqual({
      label: 'call-recording · at 00:41:10',
      url: 'https://calls.example.com/acme/discovery-2',
    });
    expect(view.blockedBy).toEqual([
      expect.objectContaining({ itemId: 'context-sso/dependency/azure-app', key: azure, linked: true }),
    ]);
    expect(view.record).toMatchObject({ id: 'context-sso', gate: { decision: 'go' }, run: { state: 'done' } });
    expect(view.coverage).toEqual({ state: 'current', sameRun: true, differences: [] });
    expect(view.changes).toEqual([]);
    // The permission answer is kept a minute (the page just asked): one GET of the issue, links and all.
    expect(requests).toEqual({ 'GET /rest/api/3/issue/{issueIdOrKey}': 1 });
    expect(total).toBe(1);
  });

  it('a dependency names the issues it blocks; a due date moved in Jira is said to differ', async () => {
    const app = createForgeApp(jira);
    const keys = await provisioned(app, 'context-dep');
    const security = keys.get('context-dep/dependency/security-review') ?? '';
    const auth = `Basic ${Buffer.from(`${MEMBER.email}:${MEMBER.apiToken}`).toString('base64')}`;
    await fetch(`${jira.url}/rest/api/3/issue/${security}`, {
      method: 'PUT',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({ fields: { duedate: '2030-01-01' } }),
    });
    const view = okValue(await app.call('issueContext', { issueKey: security }), itemView);
    expect(view.blocks.map((b) => b.itemId)).toEqual([
      'context-dep/promise/import',
      'context-dep/dependency/history-export',
    ]);
    expect(view.blocks.every((b) => b.key !== null && b.linked)).toBe(true);
    expect(view.coverage.state).toBe('drifted');
    expect(view.coverage.differences[0]).toContain('the due date is 2030-01-01');
  });

  const onChange =
    'on a change request: the diff, and Approve / Reject only for the approval owner; ' +
    'then the change shows on the issues it touched';
  it(onChange, async () => {
    const app = createForgeApp(jira);
    const keys = await provisioned(app, 'context-change');
    const stored = z.object({
      record: z.object({ promises: z.array(z.object({ id: z.string(), title: z.string() }).loose()) }).loose(),
    });
    const base = okValue(await app.call('loadRecord'), stored).record;
    // SSO moves; training is dropped, with the reason the customer gave.
    const dropped = 'Dropped by the customer on the steering call.';
    const proposed = {
      ...base,
      promises: base.promises.map((p) =>
        p.id === 'sso'
          ? { ...p, due: '2027-01-27' }
          : p.id === 'training'
            ? { id: p.id, title: 'Two recorded admin training sessions', excluded: dropped }
            : p,
      ),
    };
    const { key } = okValue(await app.call('proposeChange', { record: proposed }), z.object({ key: z.string() }));

    const asAdmin = okValue(await app.call('issueContext', { issueKey: key }), changeView);
    expect(asAdmin.review.refusal).toContain('Only Maria Lopez (the approval owner) may decide');
    const owner = await requestsOf(() => app.call('issueContext', { issueKey: key }, { who: MEMBER }));
    const asOwner = okValue(owner.answer, changeView);
    // The mypermissions answer of a new person, the issue, the change request with its payload, who is asking.
    expect(owner.total).toBe(4);
    expect(asOwner.review.refusal).toBeNull();

    const sso = keys.get('context-change/promise/sso') ?? '';
    const pending = okValue(await app.call('issueContext', { issueKey: sso }), itemView);
    expect(pending.changes).toEqual([expect.objectContaining({ key, outcome: 'proposed' })]);

    app.clock.advance(60_000);
    okValue(await app.call('approveChange', { key }, { who: MEMBER }), z.unknown());
    await app.drainQueue();

    const applied = okValue(await app.call('issueContext', { issueKey: sso }), itemView);
    expect(applied.changes).toEqual([expect.objectContaining({ key, outcome: 'applied' })]);
    expect(applied.item.due).toBe('2027-01-27');
    expect(applied.coverage).toMatchObject({ state: 'current', sameRun: false });

    const training = keys.get('context-change/promise/training') ?? '';
    const descoped = okValue(await app.call('issueContext', { issueKey: training }), itemView);
    expect(descoped.coverage.state).toBe('descoped');
    expect(descoped.item).toMatchObject({
      title: 'Two recorded admin training sessions',
      descoped: { reason: dropped },
    });
    expect(descoped.risk).toBeNull();
    expect(descoped.changes).toEqual([expect.objectContaining({ key, outcome: 'applied' })]);
  });

  it('an issue Handoff did not make, or of another project, is said as such', async () => {
    const app = createForgeApp(jira);
    const auth = `Basic ${Buffer.from(`${MEMBER.email}:${MEMBER.apiToken}`).toString('base64')}`;
    const created = z.object({ key: z.string() }).parse(
      await (
        await fetch(`${jira.url}/rest/api/3/issue`, {
          method: 'POST',
          headers: { authorization: auth, 'content-type': 'application/json' },
          body: JSON.stringify({
            fields: { project: { key: 'DEL' }, summary: 'A task of its own', issuetype: { name: 'Task' } },
          }),
        })
      ).json(),
    );
    expect(
      okValue(
        await app.call('issueContext', { issueKey: created.key }),
        z.object({ kind: z.string(), why: z.string() }),
      ),
    ).toEqual({
      kind: 'none',
      why: `${created.key} was not made by Handoff: it stands for no promise.`,
    });
    expect(errorOf(await app.call('issueContext', { issueKey: 'OPS-1' }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(errorOf(await app.call('issueContext', { issueKey: 'DEL-99999' }))).toMatchObject({ code: 'NOT_FOUND' });
  });
});
