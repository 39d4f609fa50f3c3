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
};

/**
 * Fixed windows, one per key (Jira: one for the site; Asana: one per token, as its limits
 * are allocated). A request spends `units` times its method's cost, all or nothing: a batch
 * of ten actions either fits in what is left or is refused whole. Refused requests spend
 * nothing. New limits start new windows. Windows are measured on `clock`, so tests can end one
 * without waiting for it.
 */
export function rateLimiter(current: () => RateLimit | null, clock: Clock) {
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
      if (!refused) window.spent += cost;
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
