import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { LocalJira } from '../../emulators/jira/index';
import { accountIdFor } from '../../emulators/jira/index';
import { ADMIN, MEMBER, VIEWER, createForgeApp, errorOf, okValue, closeJira, startJira } from './support/forge-harness';
import { exampleRecord, exampleText } from './support/records';

const EXAMPLES = [
  'acme-onboarding',
  'brightside-proofing',
  'copperleaf-store-rollout',
  'kessler-erp-integration',
  'westmere-council-referrals',
];

const gateView = z.object({
  decision: z.enum(['go', 'not-yet']),
  blockers: z.array(z.object({ path: z.string(), message: z.string() })),
  today: z.string(),
  items: z.number(),
});
const planView = z.object({
  recordId: z.string(),
  hash: z.string(),
  items: z.array(z.object({ itemId: z.string(), kind: z.string() })),
});
const loaded = z.object({
  record: z.object({ id: z.string() }).loose().nullable(),
  history: z.array(z.object({ at: z.string(), by: z.string(), action: z.string(), summary: z.string() })),
});

let jira: LocalJira;
beforeAll(async () => {
  jira = await startJira();
});
afterAll(() => closeJira(jira));

describe('record resolvers on the example records', () => {
  it.each(EXAMPLES)('%s: validate, save, load, gate (go), plan', async (name) => {
    const app = createForgeApp(jira);
    const text = exampleText(name);
    expect(
      okValue(await app.call('validateRecord', { text }), z.object({ record: z.object({ id: z.string() }).loose() }))
        .record.id,
    ).toBe(exampleRecord(name).id);
    const saved = okValue(
      await app.call('saveRecord', { text }),
      z.object({ history: z.object({ action: z.literal('saved'), by: z.string() }) }),
    );
    expect(saved.history.by).toBe(accountIdFor(ADMIN.email));

    const back = okValue(await app.call('loadRecord'), loaded);
    expect(back.record?.id).toBe(exampleRecord(name).id);
    expect(back.history.map((h) => h.action)).toEqual(['saved']);

    const gate = okValue(await app.call('gate'), gateView);
    expect(gate).toMatchObject({ decision: 'go', blockers: [], today: '2026-12-01' });
    const plan = okValue(await app.call('plan'), planView);
    expect(plan.recordId).toBe(exampleRecord(name).id);
    expect(plan.items.length).toBe(gate.items);
    expect(plan.items[0]?.kind).toBe('parent');
  });

  it('the not-yet example saves, and its gate lists every blocker with its field', async () => {
    const app = createForgeApp(jira);
    okValue(await app.call('saveRecord', { record: exampleRecord('skylark-support-not-yet') }), z.unknown());
    const gate = okValue(await app.call('gate'), gateView);
    expect(gate.decision).toBe('not-yet');
    expect(gate.blockers.map((b) => b.path)).toContain('signoffs.operations');
  });

  const invalidRecordRefused =
    'an invalid record is refused with every problem at its path, line and column, and nothing is stored';
  it(invalidRecordRefused, async () => {
    const app = createForgeApp(jira);
    const error = errorOf(
      await app.call('saveRecord', {
        text: exampleText('acme-onboarding').replace('scenario: new-implementation', 'scenario: bespoke'),
      }),
    );
    expect(error.code).toBe('INVALID_RECORD');
    expect(error.path).toBe('scenario');
    expect(error.problems?.[0]).toMatchObject({
      path: 'scenario',
      line: expect.any(Number),
      column: expect.any(Number),
    });
    // Only the caller's permission answer is kept (permission-cache.ts); no record, no history.
    expect(app.kvs.entries().map((e) => e.key.split(':')[0])).toEqual(['rights']);
    expect(okValue(await app.call('loadRecord'), loaded).record).toBeNull();
  });

  it('gate and plan before anything was saved answer NOT_FOUND', async () => {
    const app = createForgeApp(jira);
    expect(errorOf(await app.call('gate')).code).toBe('NOT_FOUND');
    expect(errorOf(await app.call('plan')).code).toBe('NOT_FOUND');
  });
});

describe('sign-off', () => {
  it('delivery blocked with reasons is a blocker of the gate', async () => {
    const app = createForgeApp(jira);
    okValue(
      await app.call('saveRecord', { record: exampleRecord('acme-onboarding', { id: 'blocked-signoff' }) }),
      z.unknown(),
    );
    okValue(
      await app.call(
        'signOff',
        { role: 'delivery', status: 'blocked', blockers: ['No SSO test tenant yet'] },
        { who: MEMBER },
      ),
      z.unknown(),
    );
    expect(okValue(await app.call('gate'), gateView).blockers).toContainEqual(
      expect.objectContaining({
        path: 'signoffs.delivery.blockers[0]',
        message: expect.stringContaining('No SSO test tenant yet'),
      }),
    );
  });
});

describe('refusals', () => {
  it('someone who may browse but not create issues is refused by every resolver, as Jira says', async () => {
    const app = createForgeApp(jira);
    okValue(await app.call('saveRecord', { record: exampleRecord('brightside-proofing') }), z.unknown());
    for (const name of [
      'loadRecord',
      'saveRecord',
      'validateRecord',
      'gate',
      'plan',
      'provision',
      'signOff',
      'provisioningStatus',
    ] as const) {
      const payload =
        name === 'saveRecord' || name === 'validateRecord'
          ? { text: exampleText('brightside-proofing') }
          : name === 'signOff'
            ? { role: 'operations' }
            : {};
      const error = errorOf(await app.call(name, payload, { who: VIEWER }));
      expect(error.code, name).toBe('FORBIDDEN');
      expect(error.message).toContain('permission to create issues in DEL');
    }
    expect(app.pending).toEqual([]);
  });

  it('bad payloads are refused with the path of every wrong field, before Jira is asked anything', async () => {
    const app = createForgeApp(jira);
    jira.resetStats();
    const cases: Array<[string, unknown, string[]]> = [
      ['saveRecord', {}, ['']],
      ['saveRecord', { text: 42 }, ['text']],
      ['signOff', { role: 'legal' }, ['role']],
      ['signOff', { role: 'delivery' }, ['status']],
      ['gate', { today: '2027-01-01' }, ['']],
    ];
    for (const [name, payload, paths] of cases) {
      const error = errorOf(
        await app.call(name === 'saveRecord' ? 'saveRecord' : name === 'signOff' ? 'signOff' : 'gate', payload),
      );
      expect(error.code, name).toBe('BAD_REQUEST');
      expect(error.problems?.map((p) => p.path).sort(), JSON.stringify(payload)).toEqual(paths);
    }
    expect(jira.stats().total).toBe(0);
  });

  it.each([
    ['../DEL', 'context'],
    ['DEL?x', 'context'],
    ['DEL/../../admin', 'context'],
    ['del', 'context'],
    ['../DEL', 'payload'],
    ['DEL?x', 'payload'],
    ['OTHER', 'payload'],
  ])('a crafted project key %s in the %s is refused before any request', async (key, where) => {
    const app = createForgeApp(jira);
    jira.resetStats();
    const context = { siteUrl: jira.url, extension: { project: { key: where === 'context' ? key : 'DEL' } } };
    const error = errorOf(await app.call('plan', where === 'payload' ? { projectKey: key } : {}, { context }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(jira.stats().total).toBe(0);
  });

  it("a context without the page's project is refused", async () => {
    const app = createForgeApp(jira);
    jira.resetStats();
    expect(errorOf(await app.call('loadRecord', {}, { context: { siteUrl: jira.url } })).code).toBe('BAD_REQUEST');
    expect(jira.stats().total).toBe(0);
  });
});
