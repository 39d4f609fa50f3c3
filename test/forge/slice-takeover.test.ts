import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { LocalJira } from '../../emulators/jira/index';
import { kvsRefusal } from '../../src/dev-server/local-kvs';
import { SLICE_GRACE_MS } from '../../src/forge/storage/slice-claim';
import { PLATFORM_RETRIES } from '../../src/forge/queue/platform-retry';
import type { KvsPort } from '../../src/forge/storage/kvs-port';
import type { JiraRequest } from '../../src/trackers/jira/jira-request';
import {
  ADMIN,
  closeJira,
  createForgeApp,
  issuesOf,
  jiraAs,
  okValue,
  startJira,
  type DeliveredEvent,
  type ForgeApp,
} from './support/forge-harness';
import { createMemoryKvs } from './support/memory-kvs';
import { exampleRecord, largeRecord } from './support/records';

let jira: LocalJira;
beforeAll(async () => {
  jira = await startJira();
});
afterEach(() => {
  jira.faults.update({ errorRate: 0 });
});
afterAll(() => closeJira(jira));

const status = z.object({
  run: z.object({
    state: z.string(),
    error: z.string().nullable(),
    outcome: z
      .object({ created: z.array(z.unknown()), existing: z.array(z.unknown()), failed: z.array(z.unknown()) })
      .nullable(),
  }),
  running: z.boolean(),
});

/**
 * Jira as the app, until `kill()`: from then on, the second bulk create never answers — the
 * invocation is dead mid-slice, after it wrote (its first create took effect) and before it
 * could record anything more. `dead` resolves when that happens.
 */
function killable() {
  const admin = jiraAs(jira, ADMIN);
  let creates: number | null = null;
  let died: () => void = () => undefined;
  const dead = new Promise<void>((resolve) => {
    died = resolve;
  });
  const request: JiraRequest = async (path, init) => {
    if (creates !== null && init?.method === 'POST' && path.text.startsWith('/rest/api/3/issue/bulk')) {
      creates += 1;
      if (creates === 2) {
        creates = null;
        died();
        return new Promise<Response>(() => undefined);
      }
    }
    return admin(path, init);
  };
  return { request, dead, kill: () => (creates = 0) };
}

/** Starts a queued run of `items` items and kills its first slice's delivery mid-slice; returns that event. */
async function runKilledMidSlice(app: ForgeApp, id: string, items: number, jiraOf: ReturnType<typeof killable>) {
  okValue(await app.call('saveRecord', { record: largeRecord(id, items, 10) }), z.unknown());
  okValue(await app.call('provision'), z.unknown());
  const event = app.pending.shift();
  if (!event) throw new Error('no queued slice');
  jiraOf.kill();
  void app.consume(event);
  await jiraOf.dead;
  return event;
}

async function expectEachOnce(app: ForgeApp, id: string) {
  const shown = okValue(await app.call('provisioningStatus'), status);
  expect(shown).toMatchObject({ running: false, run: { state: 'done', outcome: { failed: [] } } });
  const issues = await issuesOf(jira, id);
  // What the dead delivery sent without hearing back counts as found, not made: it is there once all the same.
  expect(issues.size).toBe((shown.run.outcome?.created.length ?? 0) + (shown.run.outcome?.existing.length ?? 0));
  const plan = okValue(await app.call('plan'), z.object({ items: z.array(z.unknown()) }));
  expect(issues.size).toBe(plan.items.length);
  expect([...issues.values()].filter((keys) => keys.length !== 1)).toEqual([]);
}

const retried = (event: DeliveredEvent, retryCount: number): DeliveredEvent => ({
  ...event,
  retryContext: { retryCount, retryReason: 'FUNCTION_TIME_OUT', retryData: null },
});

describe('Forge async events: a slice whose invocation died is taken over, never run twice at once', () => {
  const timedOut =
    'Forge retries the timed-out event: the retry takes the slice over at once; the run ends, each item once';
  it(timedOut, async () => {
    const dying = killable();
    const app = createForgeApp(jira, { limits: { itemsPerSlice: 50 }, overrides: { jiraAsApp: () => dying.request } });
    const event = await runKilledMidSlice(app, 'killed-retried', 120, dying);
    // The platform's retry of the same event (its invocation timed out): no wait for the 20-min lock.
    await app.consume(retried(event, 1));
    await app.drainQueue();
    await expectEachOnce(app, 'killed-retried');
  });

  const grace = `${SLICE_GRACE_MS / 60_000} min`;
  const duplicate = `a duplicate delivery waits while the claim is fresh, and takes over after ${grace} of silence`;
  it(duplicate, async () => {
    const dying = killable();
    const app = createForgeApp(jira, { limits: { itemsPerSlice: 50 }, overrides: { jiraAsApp: () => dying.request } });
    const event = await runKilledMidSlice(app, 'killed-duplicate', 120, dying);
    // Within the grace the holder may be alive (one slow request): the duplicate does nothing.
    app.clock.advance(SLICE_GRACE_MS - 1_000);
    await app.consume(event);
    expect(app.pending).toEqual([]);
    expect(okValue(await app.call('provisioningStatus'), status)).toMatchObject({ running: true });
    // Past it, the holder is dead: the same delivery takes the slice over and the run finishes.
    app.clock.advance(2_000);
    await app.consume(event);
    await app.drainQueue();
    await expectEachOnce(app, 'killed-duplicate');
  });
});

/** A KVS whose next `failReads` reads of keys starting with `prefix` fail with KVS's 500. */
function flakyKvs(prefix: string) {
  const kvs = createMemoryKvs();
  const flaky = { failReads: 0 };
  const port: KvsPort = {
    ...kvs,
    async get(key) {
      if (key.startsWith(prefix) && flaky.failReads > 0) {
        flaky.failReads -= 1;
        throw kvsRefusal(500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      }
      return kvs.get(key);
    },
  };
  return { port, flaky };
}

describe('Forge async events InvocationError: the consumer asks for a retry of what it did not record', () => {
  const hiccup =
    'a KVS error before the slice recorded anything: InvocationError (retryAfter 60 s); the retry finishes';
  it(hiccup, async () => {
    const { port, flaky } = flakyKvs('record:');
    const app = createForgeApp(jira, { limits: { inlineItems: 0 }, overrides: { kvs: port } });
    okValue(
      await app.call('saveRecord', { record: exampleRecord('acme-onboarding', { id: 'kvs-hiccup' }) }),
      z.unknown(),
    );
    okValue(await app.call('provision'), z.unknown());
    flaky.failReads = 1;
    await app.drainQueue();
    expect(app.retries).toEqual([{ retryAfter: 60, retryReason: 'FUNCTION_RETRY_REQUEST' }]);
    await expectEachOnce(app, 'kvs-hiccup');
  });

  const down = `Jira down (5xx) every attempt: ${PLATFORM_RETRIES} retries asked for, then the run fails, unlocked`;
  it(down, async () => {
    const app = createForgeApp(jira, { limits: { inlineItems: 0 } });
    okValue(
      await app.call('saveRecord', { record: exampleRecord('acme-onboarding', { id: 'jira-down-4' }) }),
      z.unknown(),
    );
    okValue(await app.call('provision'), z.unknown());
    jira.faults.update({ errorRate: 1 });
    await app.drainQueue();
    jira.faults.update({ errorRate: 0 });
    expect(app.retries).toHaveLength(PLATFORM_RETRIES);
    expect(app.retries.every((r) => r.retryReason === 'FUNCTION_RETRY_REQUEST')).toBe(true);
    expect(okValue(await app.call('provisioningStatus'), status)).toMatchObject({
      running: false,
      run: { state: 'failed', error: expect.stringMatching(/^\[jira\] 50\d on /) },
    });
  });

  it('a failure the run recorded (the record changed mid-run) is not retried: the run says why', async () => {
    const app = createForgeApp(jira, { limits: { inlineItems: 0 } });
    const record = exampleRecord('brightside-proofing', { id: 'recorded-failure' });
    okValue(await app.call('saveRecord', { record }), z.unknown());
    okValue(await app.call('provision'), z.unknown());
    okValue(await app.call('saveRecord', { record: { ...record, title: 'Renamed' } }), z.unknown());
    await app.drainQueue();
    expect(app.retries).toEqual([]);
    expect(okValue(await app.call('provisioningStatus'), status)).toMatchObject({
      running: false,
      run: { state: 'failed', error: expect.stringContaining('changed while it was being provisioned') },
    });
  });
});
