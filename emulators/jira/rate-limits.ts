import type { Context } from 'hono';
import type { Clock } from '../common/clock';
import { hourlyQuota, slidingWindows, tokenBuckets, type RateDecision } from '../common/rate-limiter';
import type { JiraEnv } from './context';
import type { FaultSettings } from './fault-settings';

/**
 * Jira Cloud's three limits, asked in the order a request meets them: the app's hourly points
 * quota (all requests refused until the hour turns), the burst limit of the endpoint and method,
 * then the per-issue write limit of every issue the request writes. Each refusal names its
 * `RateLimit-Reason`. The emulator is one tenant, so per-tenant and per-app are the same here.
 */
export function jiraRateLimits(clock: Clock) {
  const buckets = tokenBuckets(clock);
  const writes = slidingWindows(clock);
  const quota = hourlyQuota(clock);
  return (c: Context<JiraEnv>, settings: FaultSettings): RateDecision | undefined => {
    const method = c.req.method;
    if (settings.appQuota) {
      const decision = quota.check('app', settings.appQuota.points);
      if (decision.refused) return { ...decision, reason: `jira-quota-${settings.appQuota.pool}-based` };
      const cost = pointsOf(method, c.var.body);
      quota.charge('app', cost);
      const policy = quotaPolicy(settings.appQuota.pool);
      const left = Math.max(0, decision.remaining - cost);
      c.header('Beta-RateLimit-Policy', `"${policy}";q=${decision.budget};w=3600`);
      // Remaining is only told once it runs low (under 20 %), as Jira does.
      c.header(
        'Beta-RateLimit',
        `"${policy}";${left < decision.budget * 0.2 ? `r=${left};` : ''}t=${decision.retryAfterSeconds}`,
      );
    }
    const rate = settings.burstLimits && isBurstMethod(method) ? settings.burstLimits[method] : undefined;
    if (rate !== undefined) {
      const decision = buckets.take(`${method} ${endpointOf(c.req.path)}`, rate, rate);
      if (decision.refused) return { ...decision, reason: 'jira-burst-based' };
    }
    if (settings.perIssueWrites && method !== 'GET' && method !== 'HEAD') {
      const decision = writes.take(issuesWritten(c.req.path, c.var.body), settings.perIssueWrites);
      if (decision?.refused) return { ...decision, reason: 'jira-per-issue-on-write' };
    }
    return undefined;
  };
}

/** The policy name Jira's structured `RateLimit` headers carry for an app quota. */
export function quotaPolicy(pool: 'global' | 'tenant'): string {
  return `${pool}-app-quota`;
}

function isBurstMethod(method: string): method is 'GET' | 'POST' | 'PUT' | 'DELETE' {
  return method === 'GET' || method === 'POST' || method === 'PUT' || method === 'DELETE';
}

/** Writes cost 1 point, a bulk create 1 per issue; reads 1 (Atlassian adds 1 per object read: not counted here). */
function pointsOf(method: string, body: unknown): number {
  if (method === 'GET' || method === 'HEAD') return 1;
  const updates = isRecord(body) && Array.isArray(body.issueUpdates) ? body.issueUpdates.length : 0;
  return Math.max(1, updates);
}

/** `/rest/api/3/issue/DEL-7/properties/handoff` → `/rest/api/3/issue/{}/properties/{}`: one bucket per endpoint. */
function endpointOf(path: string): string {
  const parts = path.split('/');
  return parts
    .map((part, i) =>
      /^\d+$/.test(part) || /^[A-Z][A-Z0-9_]*-\d+$/i.test(part) || parts[i - 1] === 'properties' ? '{}' : part,
    )
    .join('/');
}

/**
 * The issues a write changes: the one in its path (edit, comment, property, transition,
 * assignee, delete), or both ends of a new link. Creating issues writes none that exist.
 * Ids and keys of one issue are counted apart (the limiter does not read the site).
 */
function issuesWritten(path: string, body: unknown): string[] {
  const inPath = /^\/rest\/api\/3\/issue\/([^/]+)/.exec(path)?.[1];
  if (inPath && inPath !== 'bulk') return [decodeURIComponent(inPath).toUpperCase()];
  if (path === '/rest/api/3/issueLink' && isRecord(body))
    return [body.inwardIssue, body.outwardIssue].flatMap((end) => {
      const ref = isRecord(end) ? (end.key ?? end.id) : undefined;
      return typeof ref === 'string' ? [ref.toUpperCase()] : [];
    });
  return [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
