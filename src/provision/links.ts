import type { Plan } from '../domain/plan/plan';
import type { ExistingItem, LinkRequest, ProvisioningTracker } from './tracker';
import pLimit from 'p-limit';
import type { Sender } from './retry';
import { TrackerError } from './tracker-error';
import { itemPacer } from './item-pacer';
import type { ProvisionProgress, ProvisionReport } from './report';

type LinkContext = {
  /** The run's keys, filled in as items are created: the linker reads them live. */
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

/** One link request to be: a blocked item and the blockers it will be linked to in one go. */
type Unit = { blocked: string; blockers: readonly string[]; missing: number };
type Chunk = { blocked: string; request: LinkRequest }[];

/**
 * "Blocks" links, each sent as soon as both its ends exist — while the rest is still being
 * created, since links and creates go to different endpoints and limits. Links already in the
 * tracker (seen by the search) are not made again; linking is idempotent in both trackers, so
 * a retried request is safe. Tell it which items got keys (`ready`); `finish` once no more will
 * come sends what is left, reports the links whose ends were never created, and waits for all.
 */
export function startLinking(plan: Plan, tracker: ProvisioningTracker, ctx: LinkContext) {
  const units: Unit[] = [];
  const unitsOf = new Map<string, Unit[]>();
  const blockersOf = new Map<string, string[]>();
  for (const item of plan.items) {
    for (const blocked of item.blocks) {
      const list = blockersOf.get(blocked);
      if (list) list.push(item.itemId);
      else blockersOf.set(blocked, [item.itemId]);
    }
  }
  // Under a per-item write limit every link is its own request, so each can be spaced on its own.
  for (const [blocked, blockers] of blockersOf) {
    const groups = tracker.itemWriteLimits ? blockers.map((b) => [b]) : [blockers];
    for (const group of groups) units.push({ blocked, blockers: group, missing: 0 });
  }
  const known = new Set<string>();
  for (const unit of units) {
    for (const end of new Set([unit.blocked, ...unit.blockers])) {
      const list = unitsOf.get(end);
      if (list) list.push(unit);
      else unitsOf.set(end, [unit]);
      if (!ctx.keys.has(end)) unit.missing += 1;
      else known.add(end);
    }
  }
  const total = units.reduce((n, u) => n + u.blockers.length, 0);
  let done = 0;
  let finishing = false;
  let stopped = false;
  // Progress says "linking" only once creating is over, so the two phases never take turns on screen.
  const progress = (count: number) => {
    done += count;
    if (finishing) ctx.onProgress?.({ phase: 'link', done, total });
  };

  // A link writes both its items: spaced so that a blocker of many items does not get all its
  // writes at once (Jira answers those 429 jira-per-issue-on-write).
  const pacer = itemPacer(tracker.itemWriteLimits ?? [], ctx);
  const itemsOf = (chunk: Chunk) => [
    ...new Set(chunk.flatMap(({ request }) => [request.blocked, ...request.blockers])),
  ];
  // Link requests are independent of one another: several calls in flight at once, every one
  // under the run's shared rate-limit pause, each carrying as many as the tracker batches.
  const limit = pLimit(tracker.linkConcurrency);
  const sent: Promise<void>[] = [];
  let buffer: Chunk = [];
  const flush = () => {
    const chunk = buffer;
    buffer = [];
    if (!chunk.length) return;
    const call = limit(async () => {
      if (stopped) return;
      await pacer.before(itemsOf(chunk));
      await createLinks(tracker, chunk, ctx);
      progress(chunk.reduce((n, c) => n + c.request.blockers.length, 0));
    });
    // Held until `finish`: a handler now keeps a failure from counting as unhandled meanwhile.
    call.catch(() => undefined);
    sent.push(call);
  };

  /** Sends what can be linked of `unit` now; with `final`, reports the ends that never came. */
  const dispatch = (unit: Unit, final: boolean) => {
    const blockedKey = ctx.keys.get(unit.blocked);
    const toLink: string[] = [];
    for (const blocker of unit.blockers) {
      const blockerKey = ctx.keys.get(blocker);
      if (!blockedKey || !blockerKey) {
        ctx.report.links.failed.push({
          blocked: unit.blocked,
          blocker,
          error: `not linked: ${!blockedKey ? unit.blocked : blocker} was not created`,
        });
      } else if (ctx.found.get(blocker)?.blocks.includes(blockedKey)) ctx.report.links.existing += 1;
      else toLink.push(blockerKey);
    }
    if (!blockedKey || !toLink.length) return progress(unit.blockers.length);
    buffer.push({ blocked: unit.blocked, request: { blocked: blockedKey, blockers: toLink } });
    // Partial batches wait for the end: a batch sent half full costs a request the bound does not allow.
    if (buffer.length >= tracker.linkBatch || final) flush();
  };

  for (const unit of units) if (unit.missing === 0) dispatch(unit, false);
  return {
    /** Items that now have keys: their links whose other ends exist go out at once. */
    ready(itemIds: readonly string[]): void {
      for (const itemId of itemIds) {
        if (known.has(itemId) || !ctx.keys.has(itemId)) continue;
        known.add(itemId);
        for (const unit of unitsOf.get(itemId) ?? []) {
          unit.missing -= 1;
          if (unit.missing === 0) dispatch(unit, false);
        }
      }
    },
    /** The run stops: waits for the links already sent, whatever their end, and sends nothing more. */
    async stop(): Promise<void> {
      stopped = true;
      buffer = [];
      await Promise.allSettled(sent);
    },
    /** No more items will be created: links with an end missing are reported, the rest sent and awaited. */
    async finish(): Promise<void> {
      finishing = true;
      if (done > 0) ctx.onProgress?.({ phase: 'link', done, total });
      for (const unit of units) if (unit.missing > 0) dispatch(unit, true);
      flush();
      await Promise.all(sent);
    },
  };
}

/**
 * One call for a chunk, then again for the links the tracker says may work if asked again
 * (a batch action that met 5xx), with the policy's backoff. Keys go back to item ids for
 * the report: the tracker answers in keys.
 */
async function createLinks(tracker: ProvisioningTracker, chunk: Chunk, ctx: LinkContext): Promise<void> {
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
