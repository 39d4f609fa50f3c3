import { z } from 'zod';
import { faultKnobs } from '../common/fault-knobs';

/** How far the local Jira's search trails its writes unless told otherwise. */
export const DEFAULT_SEARCH_LAG_MS = 2_000;

/**
 * Jira Cloud's burst limit: a token bucket per tenant, endpoint and method, refilled at the
 * documented steady rate (developer.atlassian.com/cloud/jira/platform/rate-limiting: GET and
 * POST 100, PUT and DELETE 50 requests a second). Atlassian does not publish the buffer on
 * top, so the emulator grants one second's worth: a client that keeps to the steady rate passes.
 */
const burstLimits = z.strictObject({
  GET: z.number().int().positive().default(100),
  POST: z.number().int().positive().default(100),
  PUT: z.number().int().positive().default(50),
  DELETE: z.number().int().positive().default(50),
});

/** Jira's per-issue write limit, as documented: 20 writes per 2 s and 100 per 30 s on one issue, both at once. */
const PER_ISSUE_WRITES = [
  { writes: 20, windowMs: 2_000 },
  { writes: 100, windowMs: 30_000 },
];

/**
 * The points-based hourly quota of Forge, Connect and OAuth apps (enforced since March 2026;
 * API-token traffic is not subject to it). Tier 1 (`global`) shares 65,000 points an hour
 * across every tenant of the app; Tier 2 (`tenant`) gives each site its own.
 */
const appQuota = z.strictObject({
  points: z.number().int().positive().default(65_000),
  pool: z.enum(['global', 'tenant']).default('global'),
});

/**
 * The misbehaviours a real Jira Cloud site shows under load. Jira's documented limits are on by
 * default — the burst limit and the per-issue write limit apply to every site and every kind
 * of client — and a test that wants a kinder site turns them off (`null`). Jira's search lag is on
 * by default too, as every Jira Cloud site has it. The rest is off by default: the common
 * knobs (latency, a plain budget, errors, drops, after-commit, seed), the app quota and 429s
 * without Retry-After.
 */
export const faultSettings = z.strictObject({
  ...faultKnobs,
  burstLimits: burstLimits.nullable().prefault({}),
  perIssueWrites: z
    .array(z.strictObject({ writes: z.number().int().positive(), windowMs: z.number().int().positive() }))
    .nullable()
    .default(PER_ISSUE_WRITES),
  /**
   * Turned on by a test that plays a Forge app: the local Jira cannot tell an app's requests
   * from an API token's (both arrive with Basic auth here), so when set, every request spends
   * from it. Writes cost 1 point (a bulk create 1 per issue), reads 1.
   */
  appQuota: appQuota.nullable().default(null),
  /**
   * Share of 429s sent without Retry-After: Atlassian says 429s "may be accompanied by"
   * it, and a gateway 429 has been seen with only `X-RateLimit-Reset`.
   */
  retryAfterOmitRate: z.number().min(0).max(1).default(0),
  /**
   * Search is eventually consistent on Jira Cloud ("the delay might vary from a few seconds to
   * minutes", developer.atlassian.com/cloud/jira/platform/search-and-reconcile): an issue
   * created less than this long ago is not yet found by JQL, unless its id is in the request's
   * `reconcileIssues`. 2 s by default; 0 is the friendly, unrealistic site.
   */
  searchLagMs: z.number().int().min(0).default(DEFAULT_SEARCH_LAG_MS),
});

export type FaultSettings = z.infer<typeof faultSettings>;
export type FaultSettingsInput = z.input<typeof faultSettings>;
