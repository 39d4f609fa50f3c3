import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { LocalJira } from '../../emulators/jira/index';
import { DEFAULT_LIMITS } from '../../src/forge/deps';
import type { HandoffDefinitions } from '../../src/forge/resolvers/resolvers';
import {
  MEMBER,
  ADMIN,
  closeJira,
  jiraAs,
  type ForgeApp,
  createForgeApp,
  errorOf,
  issuesOf,
  jobResult,
  jobView,
  okValue,
  rest,
  startJira,
  type Credentials,
} from './support/forge-harness';
import { exampleRecord, largeRecord } from './support/records';
import type { MemoryKvs } from './support/memory-kvs';

const LATENCY_MS = 300;
const ITEMS = 1_000;
/** Forge stops a resolver at 25 s (/platform/forge/limits-invocation). */
const FORGE_LIMIT_MS = 25_000;

let jira: LocalJira;
beforeAll(async () => {
  // Real time: the resolver budget is measured on the clock Forge would stop the invocation by.
  jira = await startJira({ realTime: true });
});
afterAll(() => closeJira(jira));

/** 80 people of the project: Maria (the approval owner, who has credentials here) and 79 more. */
const PEOPLE = [
  MEMBER.email,
  ...Array.from({ length: 79 }, (_, i) => `budget.person${String(i).padStart(2, '0')}@vendor.example`),
];

/** The first test's store, where the 1,000-item record is provisioned: later tests run on it, with fresh ids. */
let provisionedKvs: MemoryKvs | null = null;
function provisioned() {
  if (!provisionedKvs) throw new Error('the 1,000-item record was not provisioned');
  return { kvs: provisionedKvs, newId: () => randomUUID() };
}

const status = z.object({ run: z.object({ state: z.string() }), running: z.boolean() });
const background = z.union([
  z.object({ state: z.literal('done'), value: z.unknown() }),
  z.object({ state: z.literal('queued'), jobId: z.string() }),
]);

describe(`Forge 25 s per resolver: a ${ITEMS}-item record, 80 assignees, Jira at ${LATENCY_MS} ms a request`, () => {
  it('every resolver the panel calls answers within the budget, and the background work finishes', async () => {
    for (const email of PEOPLE.slice(1))
      await rest(jira, 'POST', '/rest/api/3/user', { emailAddress: email, products: ['jira-software'] });
    const generated = z
      .object({ people: z.record(z.string(), z.string()), promises: z.array(z.object({ id: z.string() }).loose()) })
      .loose()
      .parse(largeRecord('budget-1000', ITEMS, 100, PEOPLE));
    const record = { ...generated, people: { ...generated.people, 'approval-owner': MEMBER.email } };
    const app = createForgeApp(jira);
    provisionedKvs = app.kvs;

    // Provisioned first, fast: the budget is about the calls afterwards.
    okValue(await app.call('saveRecord', { record }), z.unknown());
    okValue(await app.call('provision'), z.object({ mode: z.literal('queued') }));
    await app.drainQueue();
    expect(okValue(await app.call('provisioningStatus'), status).run.state).toBe('done');

    jira.faults.update({ latencyMs: LATENCY_MS });
    const timings: Array<[string, number]> = [];
    const timed = async (name: keyof HandoffDefinitions, payload: unknown = {}, who?: Credentials) => {
      const t0 = performance.now();
      const answer = await app.call(name, payload, who ? { who } : {});
      timings.push([name, Math.round(performance.now() - t0)]);
      return answer;
    };

    okValue(await timed('loadRecord'), z.unknown());
    okValue(await timed('validateRecord', { record }), z.unknown());
    okValue(await timed('saveRecord', { record }), z.unknown());
    okValue(await timed('plan'), z.unknown());
    const gate = okValue(await timed('gate'), z.object({ decision: z.string(), items: z.number() }));
    expect(gate.decision).toBe('go');
    expect(gate.items).toBeGreaterThanOrEqual(ITEMS);
    okValue(await timed('provisioningStatus'), status);
    const coverage = okValue(await timed('coverage'), background);
    const history = okValue(await timed('changeHistory'), background);
    const proposed = {
      ...record,
      promises: [
        ...record.promises,
        { id: 'budget-new', title: 'One more', owner: 'delivery-owner', due: 'kickoff+5bd' },
      ],
    };
    const { key } = okValue(await timed('proposeChange', { record: proposed }), z.object({ key: z.string() }));
    okValue(await timed('approveChange', { key }, MEMBER), z.object({ applying: z.literal('queued') }));
    okValue(await timed('applyChange', { key }), z.object({ kind: z.literal('queued') }));
    const [from, to] = [PEOPLE[5] ?? '', PEOPLE[6] ?? ''];
    const transfer = okValue(await timed('transferOwner', { from, to }), z.object({ jobId: z.string() }));
    okValue(await timed('job', { jobId: transfer.jobId }), jobView);

    console.log(`resolver wall time at ${LATENCY_MS} ms per Jira request (ms):`, Object.fromEntries(timings));
    for (const [name, ms] of timings) expect(ms, `${name} took ${ms} ms`).toBeLessThan(FORGE_LIMIT_MS);

    // The background: the apply, the transfer, and whichever read was handed over.
    const t0 = performance.now();
    const delivered = await app.drainQueue();
    console.log(`background at ${LATENCY_MS} ms: ${delivered} event(s) in ${Math.round(performance.now() - t0)} ms`);
    const moved = z
      .object({ moved: z.array(z.object({ key: z.string() })), failed: z.array(z.unknown()) })
      .parse(JSON.parse(await jobResult(app, transfer.jobId)));
    // recordWith gives person i every 80th promise: 990 promises, so 12 or 13 of them.
    expect(moved.moved.length).toBeGreaterThanOrEqual(12);
    expect(moved.failed).toEqual([]);
    for (const answer of [coverage, history])
      if (answer.state === 'queued') expect(JSON.parse(await jobResult(app, answer.jobId))).toHaveProperty('recordId');
    jira.faults.update({ latencyMs: 0 });
    expect((await issuesOf(jira, 'budget-1000')).get('budget-1000/promise/budget-new')).toHaveLength(1);
    const loaded = okValue(
      await app.call('loadRecord'),
      z.object({ history: z.array(z.object({ action: z.string() })) }),
    );
    expect(loaded.history.map((h) => h.action).slice(-3)).toEqual(
      expect.arrayContaining(['change-applied', 'owner-transferred']),
    );
    expect(DEFAULT_LIMITS.resolverBudgetMs).toBeLessThan(FORGE_LIMIT_MS);
  }, 300_000);

  it('Forge 25 s per resolver: a Retry-After past the budget answers RATE_LIMITED with the time at once', async () => {
    const app = createForgeApp(jira);
    okValue(
      await app.call('saveRecord', { record: exampleRecord('acme-onboarding', { id: 'budget-429' }) }),
      z.unknown(),
    );
    // One request a minute: the permission check spends it, the gate's lookups hear "Retry-After: 60".
    jira.faults.update({ rateLimit: { budget: 1, windowMs: 60_000 } });
    const t0 = performance.now();
    const answer = await app.call('gate');
    const ms = Math.round(performance.now() - t0);
    jira.faults.update({ rateLimit: null });
    console.log(`gate under a 60 s Retry-After answered in ${ms} ms`);
    expect(errorOf(answer)).toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/^Jira's rate limit stops this until \d\d:\d\d UTC/),
    });
    expect(ms).toBeLessThan(5_000);
  });

  it('Forge KVS 240 KiB: a coverage of 1,000 promises handed to the queue is kept and read back in pages', async () => {
    // Every read goes to the background at once, as when Jira is slow.
    const app = createForgeApp(jira, { limits: { handOverMs: 0 }, overrides: provisioned() });
    const started = okValue(await app.call('coverage'), background);
    expect(started.state).toBe('queued');
    const view = okValue(await app.call('job', { jobId: started.state === 'queued' ? started.jobId : '' }), jobView);
    expect(view).toMatchObject({ state: 'queued', progress: { phase: 'queued' } });
    await app.drainQueue();
    const coverage = await app.settled(
      { ok: true, value: started },
      z.object({ promises: z.array(z.unknown()), complete: z.boolean() }),
    );
    expect(coverage.promises.length).toBeGreaterThanOrEqual(ITEMS - 30);
    // The store the app ran on (the harness's own `kvs` is the one it would have made).
    const pages = provisioned()
      .kvs.entries()
      .filter(({ key }) => key.startsWith(`job-page:DEL:${started.state === 'queued' ? started.jobId : ''}:`));
    expect(pages.length).toBeGreaterThan(1);
    for (const { key, value } of pages) expect(Buffer.byteLength(JSON.stringify(value)), key).toBeLessThan(240 * 1024);
  });

  it('Forge 900 s per consumer: an owner transfer out of time in one slice goes on in the next', async () => {
    // Every fifth ticket moved, the clock jumps to the slice's deadline: the slice stops there.
    let moves = 0;
    const app: ForgeApp = createForgeApp(jira, {
      overrides: {
        ...provisioned(),
        jiraAsApp: () => {
          const request = jiraAs(jira, ADMIN);
          return async (path, init) => {
            const answer = await request(path, init);
            if (init.method === 'PUT' && /^\/rest\/api\/3\/issue\/[A-Z]+-\d+$/.test(path.text) && ++moves % 5 === 0)
              app.clock.advance(DEFAULT_LIMITS.sliceHardMs);
            return answer;
          };
        },
      },
    });
    const [from, to] = [PEOPLE[7] ?? '', PEOPLE[8] ?? ''];
    const { jobId } = okValue(await app.call('transferOwner', { from, to }), z.object({ jobId: z.string() }));
    const seen: string[] = [];
    for (let event = app.pending.shift(); event; event = app.pending.shift()) {
      await app.consume(event);
      const { progress } = okValue(await app.call('job', { jobId }), jobView);
      seen.push(`${progress.phase} ${progress.done}/${progress.total ?? '?'}`);
    }
    console.log('transfer progress after each slice:', seen);
    // Four tickets move at once, so a slice stops a few moves past its deadline (those already on their way
    // finish): the next slice goes on where it stopped, and every ticket moves exactly once.
    const moved = seen.map((line) => Number(/ (\d+)\//.exec(line)?.[1]));
    expect(seen[0]).toMatch(/^moving \d+\/13$/);
    expect(moved[0]).toBeLessThan(13);
    expect(seen.slice(0, -1).every((line) => line.startsWith('moving '))).toBe(true);
    expect(seen.at(-1)).toMatch(/^done /);
    expect(moved.reduce((sum, n) => sum + n, 0)).toBe(13);
    const last = z
      .object({ moved: z.array(z.object({ key: z.string() })), failed: z.array(z.unknown()) })
      .parse(JSON.parse(await jobResult(app, jobId)));
    expect(last.failed).toEqual([]);
    expect(moves).toBe(13);
    // The result and the history are the whole hand-over, not the last slice's part of it.
    expect(new Set(last.moved.map((m) => m.key)).size).toBe(13);
    const { history } = okValue(
      await app.call('loadRecord'),
      z.object({ history: z.array(z.object({ action: z.string(), summary: z.string() })) }),
    );
    expect(history.filter((h) => h.action === 'owner-transferred').at(-1)?.summary).toMatch(/^13 open issues moved/);
  });
});
