import type { FaultProfile } from '../common/faults';
import type { RateDecision } from '../common/rate-limiter';
import type { JiraEnv } from './context';
import type { FaultSettings } from './fault-settings';

/**
 * How Jira Cloud answers the injected faults: its `X-RateLimit-*` headers on every limited
 * request, `Rate limit exceeded.` on a 429, an ErrorCollection for 500 and 503, and the
 * gateway's HTML page for 502. The site has one budget.
 */
export const jiraFaultProfile: FaultProfile<JiraEnv, FaultSettings> = {
  emulator: 'local Jira',
  rateLimit: (settings) => settings.rateLimit,
  rateHeaders: rateLimitHeaders,
  rateLimited: (c) => c.json({ errorMessages: ['Rate limit exceeded.'], errors: {} }, 429),
  serverError(status) {
    if (status === 502) {
      return new Response(
        '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>',
        { status, headers: { 'Content-Type': 'text/html' } },
      );
    }
    return Response.json(
      { errorMessages: [status === 503 ? 'Service Unavailable' : 'Internal server error'], errors: {} },
      { status },
    );
  },
  attach: (c, settings) => c.set('faults', settings),
};

function rateLimitHeaders(decision: RateDecision): Record<string, string> {
  const headers: Record<string, string> = {
    'X-RateLimit-Limit': String(decision.budget),
    'X-RateLimit-Remaining': String(decision.remaining),
    'X-RateLimit-NearLimit': String(decision.remaining < decision.budget * 0.2),
  };
  if (decision.refused) {
    headers['Retry-After'] = String(decision.retryAfterSeconds);
    headers['X-RateLimit-Reset'] = new Date(decision.resetAt).toISOString().slice(0, 16) + 'Z';
    headers['RateLimit-Reason'] = 'jira-burst-based';
  }
  return headers;
}
