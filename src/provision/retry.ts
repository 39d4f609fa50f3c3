import { RateLimitedUntil } from './rate-limited';
import { TrackerError } from './tracker-error';
import type { WaitNotice } from './wait-notice';

/**
 * The one retry policy of the product. A 429 waits what the tracker says — Retry-After, else
 * the reset time it gives, else exponential backoff with full jitter; 5xx and network errors
 * get the same backoff (or a 503's Retry-After); nothing else retries. A wait longer than the
 * run may wait stops the run resumably (RateLimitedUntil) instead of failing what it was doing.
 * Requests that create things are only retried on 429 (never processed): after a 5xx they may
 * have been, and the engine reconciles by searching instead of sending them again.
 */
export type RetryPolicy = {
  /** Attempts of one request against 5xx and network errors. */
  maxAttempts: number;
  /** Times one request may be told 429 and wait before the run stops to resume later. */
  maxRateLimited: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest wait for a rate limit (or a 503's Retry-After) the run sits through; a longer one stops it resumably. */
  maxRetryAfterMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  now: () => number;
  /**
   * Told of every wait before it starts — a backoff before the next attempt, a rate limit the
   * run sits through — so that whoever runs it (the CLI's stderr, Forge's log) can say why
   * nothing is happening. A rate limit that the whole run waits out is told once.
   */
  onWait?: (notice: WaitNotice) => void;
  /**
   * Called before every attempt; throws to stop there — a deadline (a Forge invocation's time
   * limit) ends the work between requests, as itself, not as a failed request.
   */
  beforeAttempt?: () => void;
};

/**
 * Shared by every request of one run: when the tracker says 429, everyone waits, not just the
 * request that heard it — concurrent requests would otherwise keep hitting the limit.
 */
export type RatePause = { until: number; tracker?: string };

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 6,
  maxRateLimited: 50,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 120_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  now: Date.now,
};

export type RequestKind = 'read' | 'idempotent-write' | 'create';

/**
 * How long to wait before attempt `attempt + 1`, or null when the error must not be retried.
 * A 429 always gets a wait (withRetry decides whether the run sits through it).
 */
export function retryDelay(error: unknown, attempt: number, kind: RequestKind, policy: RetryPolicy): number | null {
  if (!(error instanceof TrackerError)) return null;
  if (error.rateLimited) return rateLimitWait(error, attempt, policy);
  if (!error.transient || kind === 'create' || attempt >= policy.maxAttempts) return null;
  if (error.retryAfterSeconds !== null) {
    const asked = error.retryAfterSeconds * 1000;
    return asked <= policy.maxRetryAfterMs ? asked : null;
  }
  return backoff(attempt, policy);
}

/** Retry-After; else until the reset the tracker names, if it is still ahead; else backoff. */
function rateLimitWait(error: TrackerError, attempt: number, policy: RetryPolicy): number {
  if (error.retryAfterSeconds !== null) return error.retryAfterSeconds * 1000;
  if (error.resetAfterSeconds !== null) return error.resetAfterSeconds * 1000;
  // Jira's reset may be given to the minute, already past: then it says nothing.
  if (error.resetAt !== null && error.resetAt > policy.now()) return error.resetAt - policy.now();
  return backoff(attempt, policy);
}

/** Full jitter: anywhere in [0, min(max, base × 2^(attempt-1))], so concurrent clients spread out. */
function backoff(attempt: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(policy.random() * ceiling);
}

/** Runs `send` until it succeeds or the policy says stop; every attempt is one request. */
export async function withRetry<T>(
  send: () => Promise<T>,
  kind: RequestKind,
  policy: RetryPolicy,
  pause: RatePause = { until: 0 },
): Promise<T> {
  // 429s and failures are counted apart: waiting out a rate limit is not a failed attempt.
  let failures = 0;
  let rateLimited = 0;
  for (;;) {
    policy.beforeAttempt?.();
    const wait = pause.until - policy.now();
    // Another request of the run heard a reset too far off: this one stops too, unsent.
    if (wait > policy.maxRetryAfterMs) throw new RateLimitedUntil(pause.until, pause.tracker ?? 'tracker');
    if (wait > 0) await policy.sleep(wait);
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof TrackerError && error.rateLimited)) {
        const delay = retryDelay(error, ++failures, kind, policy);
        if (delay === null || !(error instanceof TrackerError)) throw error;
        policy.onWait?.(backoffNotice(error, delay, failures + 1, policy));
        await policy.sleep(delay);
        continue;
      }
      const delay = rateLimitWait(error, ++rateLimited, policy);
      const until = policy.now() + delay;
      if (delay > policy.maxRetryAfterMs || rateLimited > policy.maxRateLimited) {
        if (error.rateLimitScope === 'run')
          Object.assign(pause, { until: Math.max(pause.until, until), tracker: error.tracker });
        throw new RateLimitedUntil(until, error.tracker, error);
      }
      const notice: WaitNotice = { tracker: error.tracker, reason: 'rate limit', waitMs: delay, until };
      // A limit on one item's writes holds back only the request that wrote it.
      if (error.rateLimitScope === 'item') {
        policy.onWait?.(notice);
        await policy.sleep(delay);
        continue;
      }
      // Concurrent requests hear the same 429 within moments: the run's pause is told when it grows.
      if (until - pause.until >= ANNOUNCED_GROWTH_MS) policy.onWait?.(notice);
      Object.assign(pause, { until: Math.max(pause.until, until), tracker: error.tracker });
    }
  }
}

/** A pause pushed back by less than this is not told again: the requests of one burst heard the same 429. */
const ANNOUNCED_GROWTH_MS = 1_000;

/** What a backoff before attempt `attempt` is told as: no answer (status null), else the 5xx. */
function backoffNotice(error: TrackerError, delay: number, attempt: number, policy: RetryPolicy): WaitNotice {
  return {
    tracker: error.tracker,
    reason: error.status === null ? 'no answer' : 'server error',
    waitMs: delay,
    until: policy.now() + delay,
    attempt,
    maxAttempts: policy.maxAttempts,
    detail: error.status === null ? error.detail : `${error.status} on ${error.operation}`,
  };
}

/** One run's way to send requests: the policy and the pause every request of the run shares. */
export type Sender = <T>(send: () => Promise<T>, kind: RequestKind) => Promise<T>;

export function createSender(policy: RetryPolicy): Sender {
  const pause: RatePause = { until: 0 };
  return (send, kind) => withRetry(send, kind, policy, pause);
}
