import { TrackerError } from './tracker-error';

/**
 * The one retry policy of the product. A 429 waits what the tracker says (Retry-After); 5xx
 * and network errors get bounded exponential backoff with full jitter; nothing else retries.
 * Requests that create things are only retried on 429 (never processed): after a 5xx they may
 * have been, and the engine reconciles by searching instead of sending them again.
 */
export type RetryPolicy = {
  /** Attempts of one request against 5xx and network errors. */
  maxAttempts: number;
  /** Times one request may be told 429 and wait: a busy tracker slows a run, it must not fail it. */
  maxRateLimited: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest Retry-After we honour before giving up on the request. */
  maxRetryAfterMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  now: () => number;
};

/**
 * Shared by every request of one run: when the tracker says 429, everyone waits, not just the
 * request that heard it — concurrent requests would otherwise keep hitting the limit.
 */
export type RatePause = { until: number };

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

/** How long to wait before attempt `attempt + 1`, or null when the error must not be retried. */
export function retryDelay(error: unknown, attempt: number, kind: RequestKind, policy: RetryPolicy): number | null {
  if (!(error instanceof TrackerError)) return null;
  if (error.rateLimited) {
    const asked = (error.retryAfterSeconds ?? 1) * 1000;
    return attempt < policy.maxRateLimited && asked <= policy.maxRetryAfterMs ? asked : null;
  }
  if (!error.transient || kind === 'create' || attempt >= policy.maxAttempts) return null;
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
    const wait = pause.until - policy.now();
    if (wait > 0) await policy.sleep(wait);
    try {
      return await send();
    } catch (error) {
      const limited = error instanceof TrackerError && error.rateLimited;
      const delay = retryDelay(error, limited ? ++rateLimited : ++failures, kind, policy);
      if (delay === null) throw error;
      if (limited) pause.until = Math.max(pause.until, policy.now() + delay);
      else await policy.sleep(delay);
    }
  }
}

/** One run's way to send requests: the policy and the pause every request of the run shares. */
export type Sender = <T>(send: () => Promise<T>, kind: RequestKind) => Promise<T>;

export function createSender(policy: RetryPolicy): Sender {
  const pause: RatePause = { until: 0 };
  return (send, kind) => withRetry(send, kind, policy, pause);
}
