import { z } from 'zod';
import type { Clock } from './clock';

/** A budget of points per fixed window; every request costs `readCost` or `writeCost`. */
export const rateLimitSettings = z.strictObject({
  budget: z.number().int().positive(),
  windowMs: z.number().int().positive(),
  readCost: z.number().int().positive().default(1),
  /** Writes may cost more, as in Jira's points-based limits. */
  writeCost: z.number().int().positive().default(1),
});

export type RateLimit = z.infer<typeof rateLimitSettings>;

/** What the limiter decided for one request; each emulator turns it into its own headers. */
export type RateDecision = {
  refused: boolean;
  budget: number;
  remaining: number;
  retryAfterSeconds: number;
  resetAt: number;
  /** Which of an API's limits said no (Jira's `RateLimit-Reason`), when it has several. */
  reason?: string;
};

/**
 * Fixed windows, one per key (Jira: one for the site; Asana: one per token, as its limits
 * are allocated). A request spends `units` times its method's cost, all or nothing: a batch
 * of ten actions either fits in what is left or is refused whole. Refused requests spend
 * nothing unless `refusalsSpend` (Asana: "requests rejected by this limiter still count
 * against the quotas"), and then only what is left, so that a refusal still ends when the
 * window does. New limits start new windows. Windows are measured on `clock`, so tests can
 * end one without waiting for it.
 */
export function rateLimiter(current: () => RateLimit | null, clock: Clock, refusalsSpend = false) {
  let windows = new Map<string, { start: number; spent: number }>();
  let configured = '';
  return {
    take(key: string, method: string, units = 1): RateDecision | undefined {
      const limit = current();
      if (!limit) return undefined;
      if (JSON.stringify(limit) !== configured) {
        configured = JSON.stringify(limit);
        windows = new Map();
      }
      const now = clock.now();
      let window = windows.get(key);
      if (!window || now >= window.start + limit.windowMs) {
        window = { start: now, spent: 0 };
        windows.set(key, window);
      }
      const cost = units * (method === 'GET' || method === 'HEAD' ? limit.readCost : limit.writeCost);
      const refused = window.spent + cost > limit.budget;
      if (!refused || refusalsSpend) window.spent = Math.min(limit.budget, window.spent + cost);
      const resetAt = window.start + limit.windowMs;
      return {
        refused,
        budget: limit.budget,
        remaining: Math.max(0, limit.budget - window.spent),
        retryAfterSeconds: Math.max(1, Math.ceil((resetAt - now) / 1000)),
        resetAt,
      };
    },
  };
}

/**
 * Token buckets, one per key: `capacity` tokens, refilled at `perSecond` on `clock`, one token
 * a request. The steady rate is what a client may keep up; the capacity is the spike it may
 * add on top. A refused request takes nothing and is told when its token will be there.
 */
export function tokenBuckets(clock: Clock) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key: string, perSecond: number, capacity: number): RateDecision {
      const now = clock.now();
      const held = buckets.get(key) ?? { tokens: capacity, at: now };
      const tokens = Math.min(capacity, held.tokens + ((now - held.at) / 1000) * perSecond);
      const refused = tokens < 1;
      buckets.set(key, { tokens: refused ? tokens : tokens - 1, at: now });
      const waitMs = refused ? Math.ceil(((1 - tokens) / perSecond) * 1000) : 0;
      return {
        refused,
        budget: perSecond,
        remaining: Math.max(0, Math.floor(refused ? tokens : tokens - 1)),
        retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
        resetAt: now + waitMs,
      };
    },
  };
}

/** At most `writes` in any `windowMs`: several such windows may hold at once (Jira's per-issue limit has two). */
export type SlidingWindow = { writes: number; windowMs: number };

/**
 * Sliding windows, one log of recent times per key. A request touching several keys (a link
 * writes both its issues) is refused whole when any of them has a full window, and told to
 * come back when the entry that frees a place has left it; otherwise it counts on every key.
 */
export function slidingWindows(clock: Clock) {
  const logs = new Map<string, number[]>();
  return {
    take(keys: readonly string[], windows: readonly SlidingWindow[]): RateDecision | undefined {
      if (windows.length === 0 || keys.length === 0) return undefined;
      const now = clock.now();
      const longest = Math.max(...windows.map((w) => w.windowMs));
      let resetAt = now;
      let budget = Infinity;
      let remaining = Infinity;
      for (const key of keys) {
        const log = (logs.get(key) ?? []).filter((t) => t > now - longest);
        logs.set(key, log);
        for (const window of windows) {
          const inside = log.filter((t) => t > now - window.windowMs);
          const left = window.writes - inside.length;
          if (left < remaining) [remaining, budget] = [left, window.writes];
          // The entry whose leaving frees a place: `writes` back from the newest.
          const freeing = inside[inside.length - window.writes];
          if (left <= 0 && freeing !== undefined) resetAt = Math.max(resetAt, freeing + window.windowMs);
        }
      }
      const refused = resetAt > now;
      if (!refused) for (const key of keys) logs.get(key)?.push(now);
      return {
        refused,
        budget,
        remaining: Math.max(0, refused ? 0 : remaining - 1),
        retryAfterSeconds: Math.max(1, Math.ceil((resetAt - now) / 1000)),
        resetAt,
      };
    },
  };
}

/**
 * Points per clock hour, per key: every window starts at the top of a UTC hour, as Jira's app
 * quotas do, whenever the first request came. A request is refused once the hour's points are
 * spent; what it costs is charged when it is let through (`charge`), so the request that
 * crosses the line still runs and every later one is refused until the hour turns.
 */
export function hourlyQuota(clock: Clock) {
  const HOUR = 3_600_000;
  let spent = new Map<string, { hour: number; points: number }>();
  const current = (key: string) => {
    const hour = Math.floor(clock.now() / HOUR);
    const held = spent.get(key);
    return held?.hour === hour ? held : { hour, points: 0 };
  };
  return {
    check(key: string, points: number): RateDecision {
      const { hour, points: used } = current(key);
      const resetAt = (hour + 1) * HOUR;
      return {
        refused: used >= points,
        budget: points,
        remaining: Math.max(0, points - used),
        retryAfterSeconds: Math.max(1, Math.ceil((resetAt - clock.now()) / 1000)),
        resetAt,
      };
    },
    charge(key: string, cost: number): void {
      const held = current(key);
      spent.set(key, { hour: held.hour, points: held.points + cost });
    },
    reset(): void {
      spent = new Map();
    },
  };
}

/** Requests of each kind one key may have in flight at once (Asana: 50 reads, 15 writes a token). */
export type InFlightLimit = { reads: number; writes: number };

/**
 * Requests being handled at once, per key. A request holds `load` from its arrival until it is
 * answered (`leave`); it enters whole or not at all: when what it holds of either kind does not
 * fit beside what is already in flight, it is refused, holds nothing, and is told to come back
 * after `retryAfterSeconds` (the API's own word: nothing here knows when the others end).
 */
export function inFlightLimiter(clock: Clock) {
  const held = new Map<string, InFlightLimit>();
  return {
    enter(
      key: string,
      load: InFlightLimit,
      limit: InFlightLimit,
      retryAfterSeconds: number,
    ): { decision: RateDecision; leave(): void } {
      const now = held.get(key) ?? { reads: 0, writes: 0 };
      const kind = load.writes > 0 && now.writes + load.writes > limit.writes ? 'writes' : 'reads';
      const refused = now.writes + load.writes > limit.writes || now.reads + load.reads > limit.reads;
      const decision: RateDecision = {
        refused,
        budget: limit[kind],
        remaining: Math.max(0, limit[kind] - now[kind] - (refused ? 0 : load[kind])),
        retryAfterSeconds,
        resetAt: clock.now() + retryAfterSeconds * 1000,
        reason: `concurrent-${kind}`,
      };
      if (refused) return { decision, leave: () => undefined };
      held.set(key, { reads: now.reads + load.reads, writes: now.writes + load.writes });
      let left = false;
      return {
        decision,
        leave() {
          if (left) return;
          left = true;
          const current = held.get(key) ?? { reads: 0, writes: 0 };
          held.set(key, { reads: current.reads - load.reads, writes: current.writes - load.writes });
        },
      };
    },
  };
}
