import { assigneesOf } from '../src/provision/people-directory';
import type { Plan } from '../src/domain/plan/plan';

/** The limits a local site enforces, read from its settings, so the bound moves when they do. */
export type SiteLimits =
  | {
      tracker: 'jira';
      /** Burst: a token bucket per endpoint and method, this many POSTs a second, as many banked. */
      postsPerSecond: number;
      /** Per-issue write windows: at most `writes` on one issue in any `windowMs`. */
      perIssue: ReadonlyArray<{ writes: number; windowMs: number }>;
    }
  | {
      tracker: 'asana';
      /** Units per fixed window (each batch action one unit), and the window. */
      budget: number;
      windowMs: number;
      /** Write actions in flight at once. */
      writesInFlight: number;
    };

/** A bound, and which limit sets it. */
export type Bound = { requests: number; seconds: number; binds: string };

const JIRA_BULK = 50;
const ASANA_BATCH = 10;

/**
 * The fewest requests and the least time any correct, idempotent client could spend on `plan`
 * under the site's limits, with `latencyMs` a request. Requests: one lookup a person, one read
 * for an earlier run (without it a re-run makes everything twice), the parent first (the rest
 * hang under it), then the rest in full batches and the links as batched as the API allows.
 * Time: the round trips that must follow one another, or the time the limits need to let the
 * requests through, whichever is longer.
 */
export function lowerBound(plan: Plan, limits: SiteLimits, latencyMs: number): Bound {
  const latency = latencyMs / 1000;
  const people = assigneesOf(plan).length;
  const rest = plan.items.length - 1;
  const links = plan.items.reduce((n, i) => n + i.blocks.length, 0);
  if (limits.tracker === 'jira') {
    const requests = people + 1 + 1 + Math.ceil(rest / JIRA_BULK) + links;
    // Four round trips in turn: find, the parent, the rest, the links.
    const path = 4 * latency;
    // The links all go to one endpoint: a full bucket, then its refill rate.
    const burst = 3 * latency + latency + Math.max(0, links - limits.postsPerSecond) / limits.postsPerSecond;
    const perIssue = 3 * latency + latency + writeSpan(busiestIssue(plan), limits.perIssue) / 1000;
    return pick(requests, [
      [path, 'latency: 4 round trips in turn'],
      [burst, `burst: ${limits.postsPerSecond} links a second`],
      [perIssue, 'per-issue writes'],
    ]);
  }
  const sections = plan.groups.length;
  const blocked = new Set(plan.items.flatMap((i) => i.blocks)).size;
  const requests = people + 1 + 1 + sections + Math.ceil(rest / ASANA_BATCH) + Math.ceil(blocked / ASANA_BATCH);
  // Find, the project, its sections one by one (their order is the plan's), the tasks, the dependencies.
  const path = (4 + sections) * latency;
  const writes = rest + blocked;
  const concurrency = (2 + sections) * latency + Math.ceil(writes / limits.writesInFlight) * latency;
  const units = people + 1 + 1 + sections + writes;
  const quota = Math.floor((units - 1) / limits.budget) * (limits.windowMs / 1000) + latency;
  return pick(requests, [
    [path, `latency: ${4 + sections} round trips in turn`],
    [concurrency, `${limits.writesInFlight} writes in flight`],
    [quota, `${limits.budget} a minute (${units} units)`],
  ]);
}

/**
 * The bound for a client that sends only full batches, as the request bound counts them. On
 * Asana a batch holds 10 actions and 15 writes may be in flight, so a second full batch never
 * fits beside the first: 10 writes a round trip, not 15. Using the other 5 takes a second,
 * smaller batch, more requests than the request target leaves room for: the two targets conflict,
 * and this is the least time within the request one. On Jira it is the bound itself.
 */
export function fullBatchBound(plan: Plan, limits: SiteLimits, latencyMs: number): Bound {
  if (limits.tracker !== 'asana') return lowerBound(plan, limits, latencyMs);
  const writesInFlight = Math.max(ASANA_BATCH, Math.floor(limits.writesInFlight / ASANA_BATCH) * ASANA_BATCH);
  return lowerBound(plan, { ...limits, writesInFlight }, latencyMs);
}

function pick(requests: number, candidates: Array<[number, string]>): Bound {
  const [seconds, binds] = candidates.reduce((a, b) => (b[0] > a[0] ? b : a));
  return { requests, seconds: Number(seconds.toFixed(2)), binds };
}

/** The most links that touch one issue: each link writes both its ends. */
function busiestIssue(plan: Plan): number {
  const writes = new Map<string, number>();
  for (const item of plan.items)
    for (const blocked of item.blocks)
      for (const end of [item.itemId, blocked]) writes.set(end, (writes.get(end) ?? 0) + 1);
  return Math.max(0, ...writes.values());
}

/** When the last of `count` writes on one issue can go, each as early as every window allows (ms). */
export function writeSpan(count: number, windows: ReadonlyArray<{ writes: number; windowMs: number }>): number {
  const at: number[] = [];
  for (let k = 0; k < count; k += 1)
    at.push(Math.max(0, ...windows.map((w) => (k >= w.writes ? (at[k - w.writes] ?? 0) + w.windowMs : 0))));
  return at.at(-1) ?? 0;
}

/**
 * The least time a script of one request per item and per link, `inFlight` at a time, could
 * spend under the same limits: what the competent script would take on an idle machine. Set
 * beside `lowerBound`, it says how much faster than such a script any client could be.
 */
export function scriptFloor(plan: Plan, limits: SiteLimits, latencyMs: number, inFlight: number): Bound {
  const latency = latencyMs / 1000;
  const people = assigneesOf(plan).length;
  const rest = plan.items.length - 1;
  const links = plan.items.reduce((n, i) => n + i.blocks.length, 0);
  const waves = (count: number) => Math.ceil(count / inFlight) * latency;
  // Lookups, the search, the parent, then the creates and the links, each `inFlight` at a time.
  const path = waves(people) + 2 * latency + waves(rest) + waves(links);
  if (limits.tracker === 'jira') {
    const through = (count: number) => Math.max(waves(count), (count - limits.postsPerSecond) / limits.postsPerSecond);
    const burst = waves(people) + 2 * latency + through(rest) + through(links);
    return pick(people + 2 + rest + links, [
      [path, `${inFlight} in flight`],
      [burst, `burst: ${limits.postsPerSecond} creates and ${limits.postsPerSecond} links a second`],
    ]);
  }
  const units = people + 2 + rest + links;
  const quota = Math.floor((units - 1) / limits.budget) * (limits.windowMs / 1000) + latency;
  return pick(units, [
    [path, `${inFlight} in flight`],
    [quota, `${limits.budget} a minute (${units} units)`],
  ]);
}
