import type { JiraResponse } from './jira-request';

/** What a refused Jira answer says about when to come back, as the TrackerError carries it. */
export type RateHeaders = {
  retryAfterSeconds: number | null;
  resetAt: number | null;
  resetAfterSeconds: number | null;
  rateLimitScope: 'run' | 'item';
};

/**
 * Reads Jira Cloud's rate-limit headers (developer.atlassian.com/cloud/jira/platform/rate-limiting):
 * `Retry-After` in seconds (on 429s and some 503s); `X-RateLimit-Reset`, an ISO 8601 instant
 * (given to the minute or the second), or its beta twin; the structured `RateLimit` /
 * `Beta-RateLimit` quota headers, whose exhausted policy (`r=0`) says `t` seconds to its reset;
 * and `RateLimit-Reason`, where `jira-per-issue-on-write` limits writes to one issue only.
 */
export function rateHeaders(headers: JiraResponse['headers']): RateHeaders {
  const reason = headers.get('ratelimit-reason') ?? headers.get('x-beta-ratelimit-reason');
  return {
    retryAfterSeconds: seconds(headers.get('retry-after')),
    resetAt: instant(headers.get('x-ratelimit-reset') ?? headers.get('x-beta-ratelimit-reset')),
    resetAfterSeconds: exhaustedFor(headers.get('ratelimit') ?? headers.get('beta-ratelimit')),
    rateLimitScope: reason === 'jira-per-issue-on-write' ? 'item' : 'run',
  };
}

function seconds(header: string | null): number | null {
  if (!header) return null;
  const value = Number(header);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

function instant(header: string | null): number | null {
  const at = header ? Date.parse(header) : NaN;
  return Number.isFinite(at) ? at : null;
}

/** `"global-app-quota";r=0;t=50, "jira-burst-based";r=90;t=1` → 50: the longest reset among spent policies. */
function exhaustedFor(header: string | null): number | null {
  if (!header) return null;
  const waits = header.split(',').flatMap((policy) => {
    const params = new Map(
      policy
        .split(';')
        .slice(1)
        .map((p): [string, string] => {
          const [name = '', value = ''] = p.trim().split('=');
          return [name, value];
        }),
    );
    const t = seconds(params.get('t') ?? null);
    return params.get('r') === '0' && t !== null ? [t] : [];
  });
  return waits.length ? Math.max(...waits) : null;
}
