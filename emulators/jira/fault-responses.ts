import type { FaultProfile } from '../common/faults';
import type { RateDecision } from '../common/rate-limiter';
import type { Clock } from '../common/clock';
import type { JiraEnv } from './context';
import type { FaultSettings } from './fault-settings';
import { jiraRateLimits, quotaPolicy } from './rate-limits';

/** How long a 503 asks the client to wait: Atlassian says some 503s (a resource limit reached) carry Retry-After. */
export const SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/**
 * How Jira Cloud answers the injected faults: its `X-RateLimit-*` headers on every request
 * under the plain budget, its three limits (see `jiraRateLimits`), `Rate limit exceeded.` on a
 * 429 with the reason and the reset, an ErrorCollection for 500 and 503 (503 with
 * Retry-After), and the gateway's HTML page for 502.
 */
export function jiraFaultProfile(clock: Clock): FaultProfile<JiraEnv, FaultSettings> {
  return {
    emulator: 'local Jira',
    rateLimit: (settings) => settings.rateLimit,
    rateHeaders: budgetHeaders,
    limits: jiraRateLimits(clock),
    rateLimited: (c, decision, settings, random) =>
      c.json({ errorMessages: ['Rate limit exceeded.'], errors: {} }, 429, {
        ...refusalHeaders(decision, settings),
        // Some of Jira's 429s come without it: the client must fall back on the reset time.
        ...(settings.retryAfterOmitRate > 0 && random() < settings.retryAfterOmitRate
          ? {}
          : { 'Retry-After': String(decision.retryAfterSeconds) }),
      }),
    serverError(status) {
      if (status === 502) {
        return new Response(
          '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>',
          { status, headers: { 'Content-Type': 'text/html' } },
        );
      }
      return Response.json(
        { errorMessages: [status === 503 ? 'Service Unavailable' : 'Internal server error'], errors: {} },
        {
          status,
          headers: status === 503 ? { 'Retry-After': String(SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS) } : {},
        },
      );
    },
    attach: (c, settings) => c.set('faults', settings),
  };
}

/** The plain budget's headers, on every request it counts. */
function budgetHeaders(decision: RateDecision): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(decision.budget),
    'X-RateLimit-Remaining': String(decision.remaining),
    'X-RateLimit-NearLimit': String(decision.remaining < decision.budget * 0.2),
  };
}

/** What a 429 says besides Retry-After: which limit, its size, and when it resets (ISO 8601). */
function refusalHeaders(decision: RateDecision, settings: FaultSettings): Record<string, string> {
  const quota = decision.reason?.startsWith('jira-quota-') && settings.appQuota;
  const seconds = Math.max(1, Math.ceil(decision.retryAfterSeconds));
  return {
    'X-RateLimit-Limit': String(decision.budget),
    'X-RateLimit-Remaining': '0',
    'X-RateLimit-Reset': resetHeader(decision),
    'RateLimit-Reason': decision.reason ?? 'jira-burst-based',
    ...(quota
      ? {
          'Beta-RateLimit-Policy': `"${quotaPolicy(quota.pool)}";q=${decision.budget};w=3600`,
          'Beta-RateLimit': `"${quotaPolicy(quota.pool)}";r=0;t=${seconds}`,
        }
      : {}),
  };
}

/** The plain budget keeps the minute precision Jira once documented; the others say the second, as Jira now does. */
function resetHeader(decision: RateDecision): string {
  const iso = new Date(decision.resetAt).toISOString();
  return decision.reason ? `${iso.slice(0, 19)}Z` : `${iso.slice(0, 16)}Z`;
}
