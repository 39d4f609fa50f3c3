import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { LocalJira } from '../../emulators/jira/index';
import { ADMIN, createForgeApp, errorOf, issuesOf, okValue, closeJira, startJira } from './support/forge-harness';
import { exampleRecord, largeRecord } from './support/records';

const outcome = z.object({
  created: z.array(z.object({ itemId: z.string(), key: z.string() })),
  existing: z.array(z.object({ itemId: z.string(), key: z.string() })),
  failed: z.array(z.object({ itemId: z.string(), error: z.string() })),
  links: z.object({ created: z.number(), existing: z.number(), failed: z.array(z.unknown()) }),
});
const provisioned = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('inline'), runId: z.string(), outcome }),
  z.object({ mode: z.literal('queued'), runId: z.string() }),
]);
const status = z.object({
  run: z
    .object({
      runId: z.string(),
      state: z.enum(['running', 'done', 'failed']),
      slices: z.number(),
      progress: z.object({ phase: z.string(), done: z.number(), total: z.number() }),
      outcome: outcome.nullable(),
      error: z.string().nullable(),
    })
    .nullable(),
  running: z.boolean(),
  stalled: z.boolean(),
});

let jira: LocalJira;
beforeAll(async () => {
  jira = await startJira();
});
afterAll(() => closeJira(jira));

describe('provision resolver', () => {
  it('a small plan runs inline as the user: every issue exists, and provisioning again creates nothing', async () => {
    const app = createForgeApp(jira);
    const record = exampleRecord('acme-onboarding', { id: 'inline-acme' });
    okValue(await app.call('saveRecord', { record }), z.unknown());
    const first = okValue(await app.call('provision'), provisioned);
    if (first.mode !== 'inline') throw new Error('expected an inline run');
    expect(first.outcome.created).toHaveLength(9);
    expect(first.outcome.links).toEqual({ created: 4, existing: 0, failed: [] });
    expect(app.pending).toEqual([]);

    const issues = await issuesOf(jira, 'inline-acme');
    expect([...issues.values()].every((keys) => keys.length === 1)).toBe(true);
    expect([...issues.keys()].sort()).toEqual(first.outcome.created.map((c) => c.itemId).sort());

    const again = okValue(await app.call('provision'), provisioned);
    if (again.mode !== 'inline') throw new Error('expected an inline run');
    expect(again.outcome.created).toEqual([]);
    expect(again.outcome.existing).toHaveLength(9);
    expect(again.outcome.links).toEqual({ created: 0, existing: 4, failed: [] });

    const shown = okValue(await app.call('provisioningStatus'), status);
    expect(shown).toMatchObject({
      running: false,
      stalled: false,
      run: { runId: again.runId, state: 'done', progress: { phase: 'done', done: 9, total: 9 } },
    });
    expect(app.kvs.entries().filter((e) => e.key.startsWith('lock:'))).toEqual([]);
  });

  it('a not-yet record creates nothing and answers NOT_YET with the blockers', async () => {
    const app = createForgeApp(jira);
    okValue(await app.call('saveRecord', { record: exampleRecord('skylark-support-not-yet') }), z.unknown());
    const error = errorOf(await app.call('provision'));
    expect(error.code).toBe('NOT_YET');
    expect(error.problems?.map((p) => p.path)).toContain('signoffs.operations');
    expect((await issuesOf(jira, exampleRecord('skylark-support-not-yet').id)).size).toBe(0);
    expect(okValue(await app.call('provisioningStatus'), status).run).toBeNull();
  });

  const planInSlices =
    'a plan of 323 items goes through the queue in slices: each item created once, progress and outcome in the status';
  it(planInSlices, async () => {
    const app = createForgeApp(jira);
    okValue(await app.call('saveRecord', { record: largeRecord('queued-large', 321, 60) }), z.unknown());
    const started = okValue(await app.call('provision'), provisioned);
    expect(started.mode).toBe('queued');
    expect(okValue(await app.call('provisioningStatus'), status)).toMatchObject({
      running: true,
      run: { state: 'running', progress: { phase: 'queued', done: 0 } },
    });
    expect(app.pending).toHaveLength(1);

    const first = app.pending.shift();
    if (!first) throw new Error('no event');
    await app.consume(first);
    const midway = okValue(await app.call('provisioningStatus'), status);
    expect(midway).toMatchObject({ running: true, run: { state: 'running', slices: 1 } });
    expect(midway.run?.progress.done).toBeGreaterThan(200);
    expect(midway.run?.progress.done).toBeLessThan(323);
    expect(app.pending).toHaveLength(1);

    expect(await app.drainQueue()).toBe(1);
    const done = okValue(await app.call('provisioningStatus'), status);
    expect(done).toMatchObject({ running: false, stalled: false, run: { state: 'done', slices: 2, error: null } });
    expect(done.run?.outcome?.created).toHaveLength(323);
    expect(done.run?.outcome?.created[0]?.itemId).toBe('queued-large/parent/queued-large');
    expect(done.run?.outcome).toMatchObject({
      existing: [],
      failed: [],
      links: { created: 60, existing: 0, failed: [] },
    });

    const issues = await issuesOf(jira, 'queued-large');
    expect(issues.size).toBe(323);
    expect([...issues.values()].filter((keys) => keys.length !== 1)).toEqual([]);
    // Events name a slice, never the plan: whatever the plan's size they are tiny.
    expect(Math.max(...app.pushSizes)).toBeLessThan(1024);
  });

  const simultaneousProvisionings =
    'two simultaneous provisionings of one record: one proceeds, the other is BUSY, nothing is duplicated';
  it(simultaneousProvisionings, async () => {
    const app = createForgeApp(jira);
    okValue(
      await app.call('saveRecord', { record: exampleRecord('brightside-proofing', { id: 'concurrent' }) }),
      z.unknown(),
    );
    const answers = await Promise.all([app.call('provision'), app.call('provision', {}, { who: ADMIN })]);
    const busy = answers.filter((a) => z.object({ ok: z.literal(false) }).safeParse(a).success);
    expect(busy).toHaveLength(1);
    expect(errorOf(busy[0])).toMatchObject({ code: 'BUSY', message: expect.stringContaining('already running') });
    const winner = okValue(
      answers.find((a) => !busy.includes(a)),
      provisioned,
    );
    if (winner.mode !== 'inline') throw new Error('expected an inline run');
    const issues = await issuesOf(jira, 'concurrent');
    expect(issues.size).toBe(winner.outcome.created.length);
    expect([...issues.values()].every((keys) => keys.length === 1)).toBe(true);
  });

  it('a queued run holds the lock until its last slice: provisioning meanwhile is BUSY', async () => {
    const app = createForgeApp(jira);
    okValue(await app.call('saveRecord', { record: largeRecord('busy-while-queued', 120, 10) }), z.unknown());
    expect(okValue(await app.call('provision'), provisioned).mode).toBe('queued');
    expect(errorOf(await app.call('provision')).code).toBe('BUSY');
    await app.drainQueue();
    expect(okValue(await app.call('provisioningStatus'), status).run?.state).toBe('done');
    expect(okValue(await app.call('provision'), provisioned).mode).toBe('queued');
  });

  const stalledRunTakenOver =
    'a run whose consumer died is stalled once its lock expires; provisioning again takes over and finishes it';
  it(stalledRunTakenOver, async () => {
    const app = createForgeApp(jira);
    okValue(await app.call('saveRecord', { record: largeRecord('crashed-run', 300, 20) }), z.unknown());
    const first = okValue(await app.call('provision'), provisioned);
    const lost = app.pending.splice(0);
    expect(lost).toHaveLength(1);
    expect(errorOf(await app.call('provision')).code).toBe('BUSY');

    app.clock.advance(app.deps.limits.lockMs + 1000);
    expect(okValue(await app.call('provisioningStatus'), status)).toMatchObject({
      running: false,
      stalled: true,
      run: { runId: first.runId },
    });
    const second = okValue(await app.call('provision'), provisioned);
    expect(second.runId).not.toBe(first.runId);
    // The dead run's event arrives late: its lock is gone, so it does nothing.
    for (const event of lost) await app.consume(event);
    await app.drainQueue();
    expect(okValue(await app.call('provisioningStatus'), status)).toMatchObject({
      running: false,
      run: { runId: second.runId, state: 'done' },
    });
    const issues = await issuesOf(jira, 'crashed-run');
    expect(issues.size).toBe(302);
    expect([...issues.values()].every((keys) => keys.length === 1)).toBe(true);
  });

  it('a queue event delivered twice runs once', async () => {
    const app = createForgeApp(jira);
    okValue(await app.call('saveRecord', { record: largeRecord('twice-delivered', 100, 8) }), z.unknown());
    okValue(await app.call('provision'), provisioned);
    const event = app.pending[0];
    if (!event) throw new Error('no event');
    await Promise.all([app.consume(event), app.consume(event)]);
    app.pending.shift();
    await app.drainQueue();
    const issues = await issuesOf(jira, 'twice-delivered');
    expect(issues.size).toBe(102);
    expect([...issues.values()].every((keys) => keys.length === 1)).toBe(true);
  });
});
