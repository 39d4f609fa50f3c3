import { describe, expect, it } from 'vitest';
import { createSender, retryDelay, withRetry, type RetryPolicy } from '../../src/provision/retry';
import { RateLimitedUntil } from '../../src/provision/rate-limited';
import { TrackerError } from '../../src/provision/tracker-error';

/** A policy on a fake clock: sleeping moves time forward and is recorded. */
function fakePolicy(overrides: Partial<RetryPolicy> = {}) {
  const slept: number[] = [];
  let clock = 0;
  const policy: RetryPolicy = {
    maxAttempts: 5,
    maxRateLimited: 5,
    baseDelayMs: 100,
    maxDelayMs: 1000,
    maxRetryAfterMs: 60_000,
    sleep: async (ms) => {
      slept.push(ms);
      clock += ms;
    },
    random: () => 1,
    now: () => clock,
    ...overrides,
  };
  return { policy, slept };
}

const error = (
  status: number | null,
  retryAfterSeconds?: number,
  more: Partial<ConstructorParameters<typeof TrackerError>[0]> = {},
) =>
  new TrackerError({
    tracker: 'test',
    operation: 'GET /x',
    status,
    detail: 'boom',
    retryAfterSeconds: retryAfterSeconds ?? null,
    ...more,
  });

describe('retryDelay', () => {
  const { policy } = fakePolicy();
  it('waits what a 429 asks, for any kind of request', () => {
    expect(retryDelay(error(429, 7), 1, 'create', policy)).toBe(7000);
    expect(retryDelay(error(429, 3600), 1, 'read', policy)).toBe(3_600_000); // withRetry decides to stop
  });
  it('without Retry-After, waits for the reset the tracker names, else backs off with full jitter', () => {
    const { policy: at1000 } = fakePolicy({ now: () => 1000 });
    expect(retryDelay(error(429, undefined, { resetAt: 61_000 }), 1, 'read', at1000)).toBe(60_000);
    expect(retryDelay(error(429, undefined, { resetAfterSeconds: 50 }), 1, 'read', at1000)).toBe(50_000);
    // A reset given to the minute may already be past: it says nothing then.
    expect(retryDelay(error(429, undefined, { resetAt: 500 }), 3, 'read', at1000)).toBe(400);
    const jittered = fakePolicy({ random: () => 0.5 }).policy;
    expect([1, 2, 3, 4, 5].map((a) => retryDelay(error(429), a, 'read', jittered))).toEqual([50, 100, 200, 400, 500]);
  });
  it('honours a 503’s Retry-After, up to what the policy allows', () => {
    expect(retryDelay(error(503, 5), 1, 'read', policy)).toBe(5000);
    expect(retryDelay(error(503, 3600), 1, 'read', policy)).toBeNull();
    expect(retryDelay(error(503, 5), 1, 'create', policy)).toBeNull();
  });
  it('backs off exponentially, capped, on 5xx and network errors of reads and idempotent writes', () => {
    expect([1, 2, 3, 4].map((a) => retryDelay(error(503), a, 'read', policy))).toEqual([100, 200, 400, 800]);
    expect(retryDelay(error(null), 5, 'idempotent-write', policy)).toBeNull(); // attempts used up
    expect(retryDelay(error(502), 4, 'idempotent-write', fakePolicy({ maxDelayMs: 300 }).policy)).toBe(300);
  });
  it('never resends a create after a 5xx or a dropped connection, and never retries a 4xx', () => {
    expect(retryDelay(error(503), 1, 'create', policy)).toBeNull();
    expect(retryDelay(error(null), 1, 'create', policy)).toBeNull();
    expect(retryDelay(error(400), 1, 'read', policy)).toBeNull();
    expect(retryDelay(new Error('bug'), 1, 'read', policy)).toBeNull();
  });
  it('draws jitter from the whole backoff window', () => {
    expect(retryDelay(error(503), 3, 'read', fakePolicy({ random: () => 0.25 }).policy)).toBe(100);
  });
});

describe('withRetry and the shared pause', () => {
  it('retries until success, one request per attempt', async () => {
    const { policy, slept } = fakePolicy();
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls += 1;
        if (calls < 3) throw error(503);
        return 'ok';
      },
      'read',
      policy,
    );
    expect([result, calls, slept]).toEqual(['ok', 3, [100, 200]]);
  });

  it('makes every request of a run wait out a 429 that one of them heard', async () => {
    const { policy, slept } = fakePolicy();
    const send = createSender(policy);
    let first = true;
    await send(async () => {
      if (first) {
        first = false;
        throw error(429, 5);
      }
      return 1;
    }, 'read');
    await send(async () => 2, 'read');
    expect(slept).toEqual([5000]); // the second request found the pause already over on the fake clock
  });

  it('a request started during the pause waits for the rest of it', async () => {
    let clock = 0;
    const slept: number[] = [];
    const policy: RetryPolicy = {
      ...fakePolicy().policy,
      now: () => clock,
      sleep: async (ms) => {
        slept.push(ms);
      },
    };
    const send = createSender(policy);
    let first = true;
    await send(async () => {
      if (first) {
        first = false;
        clock = 1000;
        throw error(429, 5);
      }
      return 1;
    }, 'read');
    clock = 3000;
    await send(async () => 2, 'read');
    expect(slept).toEqual([5000, 3000]);
  });

  it('stops the run resumably when the reset is later than it may wait, and so does every request after', async () => {
    const { policy, slept } = fakePolicy({ now: () => 1000 });
    const send = createSender(policy);
    const quota = error(429, undefined, { resetAt: 3_600_000 });
    const stopped = await send(() => Promise.reject(quota), 'create').catch((e: unknown) => e);
    expect(stopped).toBeInstanceOf(RateLimitedUntil);
    if (stopped instanceof RateLimitedUntil) expect([stopped.until, stopped.tracker]).toEqual([3_600_000, 'test']);
    let sent = 0;
    const next = await send(async () => (sent += 1), 'read').catch((e: unknown) => e);
    expect([next instanceof RateLimitedUntil, sent, slept]).toEqual([true, 0, []]);
  });

  it('stops resumably, not failed, after maxRateLimited 429s in a row', async () => {
    const { policy } = fakePolicy({ maxRateLimited: 3 });
    let calls = 0;
    const stopped = await withRetry(
      () => {
        calls += 1;
        return Promise.reject(error(429, 1));
      },
      'read',
      policy,
    ).catch((e: unknown) => e);
    expect([stopped instanceof RateLimitedUntil, calls]).toEqual([true, 4]);
  });

  it('holds back only the writer of an item a per-item limit refused, not the run', async () => {
    const slept: number[] = [];
    // Sleeping does not move this clock: a run-wide pause would still be ahead for the next request.
    const policy: RetryPolicy = { ...fakePolicy().policy, now: () => 0, sleep: async (ms) => void slept.push(ms) };
    const send = createSender(policy);
    let first = true;
    await send(async () => {
      if (first) {
        first = false;
        throw error(429, 2, { rateLimitScope: 'item' });
      }
      return 1;
    }, 'idempotent-write');
    await send(async () => 2, 'read');
    expect(slept).toEqual([2000]);
  });
});
