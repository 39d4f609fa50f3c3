import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { LocalJira } from '../../emulators/jira/index';
import {
  MEMBER,
  createForgeApp,
  errorOf,
  okValue,
  rest,
  closeJira,
  startJira,
  type ForgeApp,
} from './support/forge-harness';
import { transition } from './support/jira-issues';
import { exampleRecord, largeRecord } from './support/records';

let jira: LocalJira;
// Jira's search by default trails its writes (the local Jira's 2 s, on a clock that moves only when told).
beforeAll(async () => {
  jira = await startJira();
});
afterAll(() => closeJira(jira));

const SEARCH = 'POST /rest/api/3/search/jql';
const LAG_MS = 2_000;

const statuses = z.object({
  recordId: z.string().nullable(),
  complete: z.boolean(),
  items: z.record(
    z.string(),
    z.object({
      key: z.string(),
      status: z.object({ name: z.string(), category: z.enum(['new', 'indeterminate', 'done']) }).nullable(),
    }),
  ),
});
const runView = z.object({
  run: z.object({ byName: z.string().nullable(), outcome: z.object({ created: z.array(z.unknown()) }) }),
});

/** Issue statuses as the page reads them, and how many searches that look sent. */
async function look(app: ForgeApp) {
  const before = jira.stats().requests[SEARCH] ?? 0;
  const value = okValue(await app.call('issueStatuses'), statuses);
  return { ...value, searches: (jira.stats().requests[SEARCH] ?? 0) - before };
}

async function provisionAcme(app: ForgeApp, id: string) {
  const acme = exampleRecord('acme-onboarding');
  const record = exampleRecord('acme-onboarding', { id, people: { ...acme.people, 'approval-owner': MEMBER.email } });
  okValue(await app.call('saveRecord', { record }), z.unknown());
  okValue(await app.call('provision'), z.object({ mode: z.literal('inline') }));
  return record;
}

describe('issue statuses: what the tracker says of each provisioned item', () => {
  it('answers nothing, with no request, before the record is provisioned', async () => {
    const app = createForgeApp(jira);
    okValue(await app.call('saveRecord', { record: exampleRecord('acme-onboarding', { id: 'st-none' }) }), z.unknown());
    expect(await look(app)).toEqual({ recordId: null, items: {}, complete: true, searches: 0 });
  });

  const lagging = 'Jira search is eventually consistent: one search; the run keys stand in until it lists them';
  it(`${lagging}, then the status follows Jira`, async () => {
    const app = createForgeApp(jira);
    await provisionAcme(app, 'st-acme');
    const created = okValue(await app.call('provisioningStatus'), runView).run.outcome.created.length;

    // Just made: Jira's search does not list the issues yet, so each keeps the run's key, status unknown.
    const fresh = await look(app);
    expect(fresh.searches).toBe(1);
    expect(Object.keys(fresh.items)).toHaveLength(created);
    expect(Object.values(fresh.items).every((i) => /^DEL-\d+$/.test(i.key) && i.status === null)).toBe(true);

    app.clock.advance(LAG_MS + 1_000);
    const indexed = await look(app);
    expect(indexed.searches).toBe(1);
    expect(Object.values(indexed.items).map((i) => i.status)).toEqual(
      Array.from({ length: created }, () => ({ name: 'To Do', category: 'new' })),
    );

    const sso = indexed.items['st-acme/promise/sso'];
    if (!sso) throw new Error('the sso promise has no issue');
    const issue = z.object({ id: z.string() }).parse(await rest(jira, 'GET', `/rest/api/3/issue/${sso.key}?fields=`));
    await transition(jira, { id: issue.id, key: sso.key }, 'Done', MEMBER.email);
    expect((await look(app)).items['st-acme/promise/sso']).toEqual({
      key: sso.key,
      status: { name: 'Done', category: 'done' },
    });
  });

  it('names who provisioned, looked up once when the run started', async () => {
    const app = createForgeApp(jira);
    await provisionAcme(app, 'st-who');
    expect(okValue(await app.call('provisioningStatus'), runView).run.byName).toBe('Handoff Admin');
  });

  it('Jira search pages of 100: a look reads at most limits.statusPages pages, the rest keep their key', async () => {
    const app = createForgeApp(jira, { limits: { statusPages: 1 } });
    okValue(await app.call('saveRecord', { record: largeRecord('st-large', 150, 10) }), z.unknown());
    okValue(await app.call('provision'), z.unknown());
    await app.drainQueue();
    app.clock.advance(LAG_MS + 1_000);
    const bounded = await look(app);
    expect(bounded).toMatchObject({ complete: false, searches: 1 });
    const items = Object.values(bounded.items);
    expect(items.length).toBeGreaterThanOrEqual(150);
    expect(items.filter((i) => i.status !== null)).toHaveLength(100);

    // The same installation with the default bound reads both pages.
    app.deps.limits.statusPages = 10;
    const whole = await look(app);
    expect(whole).toMatchObject({ complete: true, searches: 2 });
    expect(Object.values(whole.items).every((i) => i.status !== null)).toBe(true);
  });
});

describe('descoping carries its reason', () => {
  const proposal = z.object({
    kind: z.literal('proposed'),
    key: z.string(),
    change: z.object({ removed: z.array(z.object({ itemId: z.string(), why: z.string() })) }),
  });
  const withoutImport = (record: ReturnType<typeof exampleRecord>) => ({
    ...record,
    promises: (record.promises ?? []).filter((p) => p.id !== 'import'),
    dependencies: record.dependencies?.map((d) => ({ ...d, blocks: d.blocks?.filter((b) => b !== 'import') })),
  });

  it('the proposal brings why each removed item goes; the change request in Jira says it', async () => {
    const app = createForgeApp(jira);
    const base = await provisionAcme(app, 'ds-why');
    const reasons = { 'ds-why/promise/import': 'The customer keeps its old archive read-only' };
    const proposed = okValue(await app.call('proposeChange', { record: withoutImport(base), reasons }), proposal);
    expect(proposed.change.removed).toEqual([
      expect.objectContaining({ itemId: 'ds-why/promise/import', why: reasons['ds-why/promise/import'] }),
    ]);
    // The description is ADF: its text nodes, in order, carry the reason beside the descoped item.
    const description = JSON.stringify(await rest(jira, 'GET', `/rest/api/3/issue/${proposed.key}?fields=description`));
    expect(description).toContain('The customer keeps its old archive read-only');
    expect(description).not.toContain('no longer in the record');
  });

  it('refuses a reason for an item the change keeps, and an empty reason, naming the field', async () => {
    const app = createForgeApp(jira);
    const base = await provisionAcme(app, 'ds-stray');
    const stray = await app.call('proposeChange', {
      record: withoutImport(base),
      reasons: { 'ds-stray/promise/sso': 'It stays, though' },
    });
    expect(errorOf(stray)).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('ds-stray/promise/sso'),
    });
    const empty = await app.call('proposeChange', {
      record: withoutImport(base),
      reasons: { 'ds-stray/promise/import': '   ' },
    });
    expect(errorOf(empty)).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('say why it is descoped'),
    });
  });
});
