import { describe, expect, it } from 'vitest';
import { createSender, retryDelay, withRetry, type RetryPolicy } from '../../src/provision/retry';
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

const error = (status: number | null, retryAfterSeconds?: number) =>
  new TrackerError({
    tracker: 'test',
    operation: 'GET /x',
    status,
    detail: 'boom',
    retryAfterSeconds: retryAfterSeconds ?? null,
  });

describe('retryDelay', () => {
  const { policy } = fakePolicy();
  it('waits what a 429 asks, for any kind of request', () => {
    expect(retryDelay(error(429, 7), 1, 'create', policy)).toBe(7000);
    expect(retryDelay(error(429), 1, 'read', policy)).toBe(1000);
  });
  it('gives up on a Retry-After longer than the policy allows', () => {
    expect(retryDelay(error(429, 3600), 1, 'read', policy)).toBeNull();
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
});
