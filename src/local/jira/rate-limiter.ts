import type { FaultSettings } from './fault-settings.ts';

type Decision = { refused: boolean; headers: Record<string, string> };

/**
 * A fixed-window points budget, like Jira Cloud's: each request spends points, and once the
 * window's budget is spent every request gets 429 with `Retry-After` (whole seconds until
 * the window resets) and Jira's `X-RateLimit-*` headers. Refused requests spend nothing.
 */
export function rateLimiter(current: () => FaultSettings['rateLimit']) {
  let windowStart = 0;
  let spent = 0;
  let configured = '';
  return {
    take(method: string): Decision {
      const limit = current();
      if (!limit) return { refused: false, headers: {} };
      const now = Date.now();
      // New limits start a new window.
      if (JSON.stringify(limit) !== configured) {
        configured = JSON.stringify(limit);
        windowStart = 0;
      }
      if (now >= windowStart + limit.windowMs) {
        windowStart = now;
        spent = 0;
      }
      const cost = method === 'GET' || method === 'HEAD' ? limit.readCost : limit.writeCost;
      const refused = spent + cost > limit.budget;
      if (!refused) spent += cost;
      const resetAt = windowStart + limit.windowMs;
      const headers: Record<string, string> = {
        'X-RateLimit-Limit': String(limit.budget),
        'X-RateLimit-Remaining': String(Math.max(0, limit.budget - spent)),
        'X-RateLimit-NearLimit': String(limit.budget - spent < limit.budget * 0.2),
      };
      if (refused) {
        headers['Retry-After'] = String(Math.max(1, Math.ceil((resetAt - now) / 1000)));
        headers['X-RateLimit-Reset'] = new Date(resetAt).toISOString().slice(0, 16) + 'Z';
        headers['RateLimit-Reason'] = 'jira-burst-based';
      }
      return { refused, headers };
    },
  };
}
