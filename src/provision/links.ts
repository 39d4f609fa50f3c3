import type { Plan } from '../domain/plan/plan';
import type { ExistingItem, LinkRequest, ProvisioningTracker } from './tracker';
import pLimit from 'p-limit';
import type { Sender } from './retry';
import { TrackerError } from './tracker-error';
import { itemPacer } from './item-pacer';
import type { ProvisionProgress, ProvisionReport } from './report';

type LinkContext = {
  keys: ReadonlyMap<string, string>;
  found: ReadonlyMap<string, ExistingItem>;
  send: Sender;
  /** Rounds for links a tracker answered as transient failures, and the wait before each. */
  maxAttempts: number;
  backoff: (attempt: number) => Promise<void>;
  /** The run's clock, for spacing writes to one item (`itemWriteLimits`). */
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  report: ProvisionReport;
  onProgress: ((progress: ProvisionProgress) => void) | undefined;
};

/**
 * "Blocks" links, once both ends exist. Links already in the tracker (seen by the search) are
 * not made again; linking is idempotent in both trackers, so a retried request is safe.
 */
export async function linkPlan(plan: Plan, tracker: ProvisioningTracker, ctx: LinkContext): Promise<void> {
  const blockersOf = new Map<string, string[]>();
  for (const item of plan.items) {
    for (const blocked of item.blocks) blockersOf.set(blocked, [...(blockersOf.get(blocked) ?? []), item.itemId]);
  }
  const total = [...blockersOf.values()].reduce((n, list) => n + list.length, 0);
  let done = 0;
  const requests: { blocked: string; request: LinkRequest }[] = [];
  for (const [blocked, blockers] of blockersOf) {
    const blockedKey = ctx.keys.get(blocked);
    const toLink: string[] = [];
    for (const blocker of blockers) {
      const blockerKey = ctx.keys.get(blocker);
      if (!blockedKey || !blockerKey) {
        ctx.report.links.failed.push({
          blocked,
          blocker,
          error: `not linked: ${!blockedKey ? blocked : blocker} was not created`,
        });
      } else if (ctx.found.get(blocker)?.blocks.includes(blockedKey)) ctx.report.links.existing += 1;
      else toLink.push(blockerKey);
    }
    if (!blockedKey || !toLink.length) done += blockers.length;
    // Under a per-item write limit every link is its own request, so each can be spaced on its own.
    else if (tracker.itemWriteLimits)
      for (const blocker of toLink) requests.push({ blocked, request: { blocked: blockedKey, blockers: [blocker] } });
    else requests.push({ blocked, request: { blocked: blockedKey, blockers: toLink } });
  }
  // A link writes both its items: spaced so that a blocker of many items does not get all its
  // writes at once (Jira answers those 429 jira-per-issue-on-write).
  const pacer = itemPacer(tracker.itemWriteLimits ?? [], ctx);
  const itemsOf = (chunk: { request: LinkRequest }[]) => [
    ...new Set(chunk.flatMap(({ request }) => [request.blocked, ...request.blockers])),
  ];
  // Link requests are independent of one another: several calls in flight at once, every one
  // under the run's shared rate-limit pause, each carrying as many as the tracker batches.
  const limit = pLimit(tracker.linkConcurrency);
  const chunks = Array.from({ length: Math.ceil(requests.length / tracker.linkBatch) }, (_, i) =>
    requests.slice(i * tracker.linkBatch, (i + 1) * tracker.linkBatch),
  );
  await Promise.all(
    chunks.map((chunk) =>
      limit(async () => {
        await pacer.before(itemsOf(chunk));
        await createLinks(tracker, chunk, ctx);
        done += chunk.reduce((n, c) => n + c.request.blockers.length, 0);
        ctx.onProgress?.({ phase: 'link', done, total });
      }),
    ),
  );
}

/**
 * One call for a chunk, then again for the links the tracker says may work if asked again
 * (a batch action that met 5xx), with the policy's backoff. Keys go back to item ids for
 * the report: the tracker answers in keys.
 */
async function createLinks(
  tracker: ProvisioningTracker,
  chunk: { blocked: string; request: LinkRequest }[],
  ctx: LinkContext,
): Promise<void> {
  const blockedOf = new Map(chunk.map((c) => [c.request.blocked, c.blocked]));
  const fail = (blocked: string, blocker: string, error: string) =>
    ctx.report.links.failed.push({ blocked: blockedOf.get(blocked) ?? blocked, blocker, error });
  let pending: LinkRequest[] = chunk.map((c) => c.request);
  for (let attempt = 1; pending.length > 0; attempt += 1) {
    let outcomes;
    try {
      outcomes = await ctx.send(() => tracker.createLinks(pending), 'idempotent-write');
    } catch (error) {
      if (!(error instanceof TrackerError)) throw error;
      for (const { blocked, blockers } of pending)
        for (const blocker of blockers) fail(blocked, blocker, error.message);
      return;
    }
    const again = new Map<string, string[]>();
    for (const outcome of outcomes) {
      if (outcome.ok) ctx.report.links.created += 1;
      else if (outcome.transient && attempt < ctx.maxAttempts)
        again.set(outcome.blocked, [...(again.get(outcome.blocked) ?? []), outcome.blocker]);
      else fail(outcome.blocked, outcome.blocker, outcome.error);
    }
    pending = [...again].map(([blocked, blockers]) => ({ blocked, blockers }));
    if (pending.length) await ctx.backoff(attempt);
  }
}
