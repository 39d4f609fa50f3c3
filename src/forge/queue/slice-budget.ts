import type { RetryPolicy } from '../../provision/retry';
import type { CreateOutcome, LinkOutcome, ProvisioningTracker } from '../../provision/tracker';
import { TrackerError } from '../../provision/tracker-error';
import type { ItemFailure, Journal, LinkFailure } from './journal';
import { deadlinePolicy } from './job-deadline';

/** Thrown (never a TrackerError, so the engine stops rather than recording a failure) when a slice must end. */
export class SliceExhausted extends Error {
  constructor() {
    super('this slice of the provisioning is out of time; the next one continues');
    this.name = 'SliceExhausted';
  }
}

export type SliceBudget = {
  now(): number;
  /** After this, no new write starts once the slice has made one. */
  softDeadline: number;
  /** After this, nothing starts at all: the invocation's own time limit is near. */
  hardDeadline: number;
  /** Items one slice may send to create. */
  maxItems: number;
};

/** The run's memory a slice continues from (from the journal), and what this slice sent (`writes`, `items`). */
export type SliceMemory = Pick<Journal, 'preExisting' | 'linksCreated'> & {
  failedItems: ItemFailure[];
  failedLinks: LinkFailure[];
  writes: number;
  items: number;
};

/**
 * The tracker a slice provisions through. It stops the engine before the slice overruns its
 * invocation, and it answers items and links that already failed in this run from memory, so
 * every write of a run goes to something never tried before and the run always ends.
 * `afterWrite` lets the caller persist progress after every request that changed Jira.
 *
 * Links go several at a time, so when one call ends the slice others may still be in flight:
 * `close()` waits for them and refuses anything after, so the slice's memory is complete
 * before it is saved and no request outlives the slice.
 */
export function budgetedTracker(
  tracker: ProvisioningTracker,
  budget: SliceBudget,
  memory: SliceMemory,
  afterWrite: () => Promise<void>,
): { tracker: ProvisioningTracker; close(): Promise<void> } {
  const inFlight = new Set<Promise<unknown>>();
  let closed = false;
  const tracked =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      if (closed) return Promise.reject(new SliceExhausted());
      const running = call(...args);
      inFlight.add(running);
      running.finally(() => inFlight.delete(running)).catch(() => undefined);
      return running;
    };
  const failedItem = (itemId: string) => memory.failedItems.find((f) => f.itemId === itemId);
  const failedLink = (blocked: string, blocker: string) =>
    memory.failedLinks.find((f) => f.blocked === blocked && f.blocker === blocker);
  const seenBeforeWrite = new Set<string>();
  const beforeWrite = (items: number) => {
    const t = budget.now();
    const spent = memory.writes > 0;
    if (t >= budget.hardDeadline || (spent && (t >= budget.softDeadline || memory.items + items > budget.maxItems)))
      throw new SliceExhausted();
    // The run's first write: whatever its searches found so far was there before it.
    memory.preExisting ??= [...seenBeforeWrite];
    memory.writes += 1;
    memory.items += items;
  };

  const guarded: ProvisioningTracker = {
    ...tracker,
    async searchItems(recordId, cursor, reconcile) {
      if (budget.now() >= budget.hardDeadline) throw new SliceExhausted();
      const page = await tracker.searchItems(recordId, cursor, reconcile);
      if (memory.preExisting === null) for (const item of page.items) seenBeforeWrite.add(item.itemId);
      return page;
    },

    async fetchItems(recordId, ids) {
      if (budget.now() >= budget.hardDeadline) throw new SliceExhausted();
      const items = await tracker.fetchItems(recordId, ids);
      if (memory.preExisting === null) for (const item of items) seenBeforeWrite.add(item.itemId);
      return items;
    },

    async createItems(requests) {
      const fresh = requests.filter((r) => !failedItem(r.item.itemId));
      const outcomes = new Map<string, CreateOutcome>();
      if (fresh.length > 0) {
        beforeWrite(fresh.length);
        try {
          for (const outcome of await tracker.createItems(fresh)) outcomes.set(outcome.itemId, outcome);
        } catch (error) {
          if (isFinal(error))
            memory.failedItems.push(...fresh.map((r) => ({ itemId: r.item.itemId, error: error.message })));
          throw error;
        } finally {
          await afterWrite();
        }
        for (const outcome of outcomes.values())
          if (!outcome.ok) memory.failedItems.push({ itemId: outcome.itemId, error: outcome.error });
      }
      return requests.map(
        (r): CreateOutcome =>
          outcomes.get(r.item.itemId) ?? {
            itemId: r.item.itemId,
            ok: false,
            error: failedItem(r.item.itemId)?.error ?? 'not sent',
          },
      );
    },

    async createLinks(links) {
      const fresh = links
        .map(({ blocked, blockers }) => ({ blocked, blockers: blockers.filter((b) => !failedLink(blocked, b)) }))
        .filter((l) => l.blockers.length > 0);
      const outcomes = new Map<string, LinkOutcome>();
      const keyOf = (blocked: string, blocker: string) => `${blocked} ${blocker}`;
      if (fresh.length > 0) {
        beforeWrite(0);
        try {
          for (const outcome of await tracker.createLinks(fresh))
            outcomes.set(keyOf(outcome.blocked, outcome.blocker), outcome);
        } catch (error) {
          if (isFinal(error))
            memory.failedLinks.push(
              ...fresh.flatMap(({ blocked, blockers }) =>
                blockers.map((blocker) => ({ blocked, blocker, error: error.message })),
              ),
            );
          throw error;
        } finally {
          await afterWrite();
        }
        for (const outcome of outcomes.values()) {
          if (outcome.ok) memory.linksCreated += 1;
          else memory.failedLinks.push({ blocked: outcome.blocked, blocker: outcome.blocker, error: outcome.error });
        }
      }
      return links.flatMap(({ blocked, blockers }) =>
        blockers.map(
          (b): LinkOutcome =>
            outcomes.get(keyOf(blocked, b)) ?? {
              blocked,
              blocker: b,
              ok: false,
              error: failedLink(blocked, b)?.error ?? 'not sent',
            },
        ),
      );
    },
  };
  return {
    tracker: {
      ...guarded,
      searchItems: tracked(guarded.searchItems),
      fetchItems: tracked(guarded.fetchItems),
      createItems: tracked(guarded.createItems),
      createLinks: tracked(guarded.createLinks),
    },
    async close() {
      closed = true;
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}

/**
 * The retry policy of a slice: a rate limit that resets after the hard deadline stops the slice
 * as RateLimitedUntil (the next one is queued to start after the reset); any other wait that
 * would run past it ends the slice instead.
 */
export function budgetedPolicy(policy: RetryPolicy, budget: SliceBudget): RetryPolicy {
  return deadlinePolicy(policy, budget.hardDeadline, budget.now, () => new SliceExhausted());
}

/** A Jira answer that will not change on retry (not a 429, not a 5xx or lost connection). */
function isFinal(error: unknown): error is TrackerError {
  return error instanceof TrackerError && !error.rateLimited && !error.transient;
}
