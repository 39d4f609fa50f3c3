import type { Plan, PlanItem } from '../domain/plan/plan';
import { itemIdOf } from '../domain/plan/plan-items';
import { trackerName } from '../domain/words';
import { findRecorded, searchAll } from './find-items';
import type { CreateOutcome, CreateRequest, ExistingItem, ProvisioningTracker } from './tracker';
import { memoryLedger, type CreationLedger, type LedgerState, type PendingCreate } from './ledger';
import { TrackerError } from './tracker-error';
import { RateLimitedUntil } from './rate-limited';
import { createSender, defaultRetryPolicy, retryDelay, type RetryPolicy, type Sender } from './retry';
import type { Accounts } from './people-directory';
import type { ProvisionProgress, ProvisionReport } from './report';
import { startLinking } from './links';
import { coalesced } from './coalesced';
import pLimit from 'p-limit';

export type ApplyOptions = {
  accounts: Accounts;
  policy?: RetryPolicy;
  onProgress?: (progress: ProvisionProgress) => void;
  /** Where created keys are written the moment the tracker answers (default: this run's memory only). */
  ledger?: CreationLedger;
  /**
   * How long after an unanswered create the search is assumed to show whatever it made: past
   * this, items still not found are sent again. Jira documents a lag "from a few seconds to
   * minutes"; the engine stops waiting sooner whenever the search shows an issue created later.
   */
  settleMs?: number;
};

/** The default for `settleMs`. */
export const SEARCH_SETTLE_MS = 30_000;

/**
 * Applies a plan through a tracker: finds what already exists, creates the rest in batches in
 * plan order — the parent first, since every other item hangs under it — then links blockers
 * once both ends exist. Safe to run again at any point, at once or later, on the same machine
 * or another: a second run creates nothing and links nothing twice; a run killed halfway is
 * finished by the next.
 *
 * The tracker's search lags its writes, so it is never the only witness: every create is
 * written to the ledger before it is sent and its answer the moment it arrives. What the ledger
 * knows is read back directly; a create that was never answered holds its items back until the
 * search can be trusted for them.
 */
export async function applyPlan(
  plan: Plan,
  tracker: ProvisioningTracker,
  options: ApplyOptions,
): Promise<ProvisionReport> {
  const policy = options.policy ?? defaultRetryPolicy;
  const startCalls = tracker.requests();
  const ledger = options.ledger ?? memoryLedger();
  const state = await ledger.load();
  const run: Run = {
    plan,
    tracker,
    policy,
    send: createSender(policy),
    ledger,
    state,
    // A create left unanswered by an earlier run: whatever it made was made before now.
    since: new Map(state.pending.map((p) => [p, policy.now()])),
    settleMs: options.settleMs ?? SEARCH_SETTLE_MS,
    keys: new Map(),
    found: new Map(),
    report: {
      recordId: plan.recordId,
      created: [],
      existing: [],
      failed: [],
      links: { created: 0, existing: 0, failed: [] },
      calls: 0,
    },
    accounts: options.accounts,
    onProgress: options.onProgress,
    saveLedger: coalesced(() => ledger.save(state)),
    mirror: coalesced(() => mirrorLedger(run)),
    mirrored: Promise.resolve(),
  };
  const { keys, found, report } = run;
  for (const item of (await findRecorded(tracker, plan.recordId, run.send, state)).values())
    found.set(item.itemId, item);
  options.onProgress?.({ phase: 'search', found: found.size });
  for (const item of plan.items) {
    const existing = found.get(item.itemId);
    if (existing) {
      keys.set(item.itemId, existing.key);
      report.existing.push({ itemId: item.itemId, key: existing.key });
    }
  }
  const [parent, ...rest] = plan.items;
  if (parent) await createAll([parent], run);
  const parentFailed = report.failed.find((f) => f.itemId === parent?.itemId);
  if (parentFailed) {
    for (const item of rest)
      if (!keys.has(item.itemId))
        report.failed.push({
          itemId: item.itemId,
          error: `not created: the parent could not be created (${parentFailed.error})`,
        });
  } else {
    run.linker = startLinking(plan, tracker, {
      keys,
      found,
      send: run.send,
      report,
      onProgress: options.onProgress,
      maxAttempts: policy.maxAttempts,
      now: policy.now,
      sleep: policy.sleep,
      backoff: (attempt) => {
        const waitMs = retryDelay(transientError, attempt, 'read', policy) ?? 0;
        policy.onWait?.({
          tracker: tracker.name,
          reason: 'server error',
          waitMs,
          until: policy.now() + waitMs,
          attempt: attempt + 1,
          maxAttempts: policy.maxAttempts,
          detail: 'a server error on some links',
        });
        return policy.sleep(waitMs);
      },
    });
    try {
      await createAll(rest, run);
    } catch (error) {
      // The run stops (a bug, an abort): links already sent end first, nothing more is sent.
      await run.linker.stop();
      throw error;
    }
    await run.linker.finish();
    await run.mirrored;
  }
  report.calls = tracker.requests() - startCalls;
  return report;
}

/** Stands for "a batch action met 5xx" when asking the policy how long to back off. */
const transientError = new TrackerError({
  tracker: 'engine',
  operation: 'link batch',
  status: 503,
  detail: 'some links may work if asked again',
});

type Run = {
  plan: Plan;
  tracker: ProvisioningTracker;
  policy: RetryPolicy;
  send: Sender;
  ledger: CreationLedger;
  state: LedgerState;
  /** For each unanswered create: when the run learned it went unanswered (the run's start for an earlier run's). */
  since: Map<PendingCreate, number>;
  settleMs: number;
  keys: Map<string, string>;
  found: Map<string, ExistingItem>;
  report: ProvisionReport;
  accounts: Accounts;
  onProgress: ApplyOptions['onProgress'];
  /** Writes `state` to the ledger: one write at a time, never an older state after a newer one. */
  saveLedger: () => Promise<void>;
  /** Writes the known ids to the tracker's mirror, the same way; `mirrored` is the latest asked for. */
  mirror: () => Promise<void>;
  mirrored: Promise<void>;
  /** Started once the parent exists: told of every item that gets a key. */
  linker?: ReturnType<typeof startLinking>;
};

/**
 * Creates every item of `items` that does not exist: first those nobody tried, then, once the
 * search settles the unanswered creates, whatever they turn out not to have made.
 */
async function createAll(items: readonly PlanItem[], run: Run): Promise<void> {
  const uncertain = () => new Set(run.state.pending.flatMap((p) => p.itemIds));
  const failed = () => new Set(run.report.failed.map((f) => f.itemId));
  const toCreate = () => {
    const [held, lost] = [uncertain(), failed()];
    return items.filter((item) => !run.keys.has(item.itemId) && !held.has(item.itemId) && !lost.has(item.itemId));
  };
  await createMissing(toCreate(), run);
  while (items.some((item) => uncertain().has(item.itemId))) {
    await settle(run);
    await createMissing(toCreate(), run);
  }
}

/**
 * Creates the items that do not exist yet, `maxBatch` at a time and `createConcurrency` batches
 * in flight: every item here hangs under the parent, which exists, so no batch waits for another.
 */
async function createMissing(items: readonly PlanItem[], run: Run): Promise<void> {
  const missing = items.filter((item) => assignable(item, run));
  const limit = pLimit(run.tracker.createConcurrency ?? 1);
  const batches = Array.from({ length: Math.ceil(missing.length / run.tracker.maxBatch) }, (_, i) =>
    missing.slice(i * run.tracker.maxBatch, (i + 1) * run.tracker.maxBatch),
  );
  await Promise.all(
    batches.map((batch) =>
      limit(async () => {
        await createBatch(batch, run);
        run.onProgress?.({ phase: 'create', done: run.keys.size, total: run.plan.items.length });
      }),
    ),
  );
}

/** Work is never created unassigned by accident: an assignee without an account fails the item. */
function assignable(item: PlanItem, run: Run): boolean {
  if (!item.assignee || run.accounts.get(item.assignee)) return true;
  run.report.failed.push({
    itemId: item.itemId,
    error: `${item.assignee} has no ${trackerName(run.tracker.name)} account that can be assigned`,
  });
  return false;
}

/**
 * One batch, written to the ledger as pending before it is sent. A 429 is retried as it is
 * (nothing was created). After a 5xx, a dropped connection or a timeout the batch stays
 * pending — some of it may exist — and the run carries on; `settle` decides later.
 */
async function createBatch(batch: readonly PlanItem[], run: Run): Promise<void> {
  const pending: PendingCreate = { itemIds: batch.map((item) => item.itemId), sentAt: run.policy.now() };
  run.state.pending.push(pending);
  await run.saveLedger();
  let outcomes: CreateOutcome[];
  try {
    outcomes = await run.send(() => run.tracker.createItems(batch.map((item) => requestFor(item, run))), 'create');
  } catch (error) {
    // Refused by a rate limit that outlasts the run: never processed, so nothing is pending.
    if (error instanceof RateLimitedUntil) {
      run.state.pending = run.state.pending.filter((p) => p !== pending);
      await run.saveLedger();
    }
    // Only tracker errors are outcomes; anything else (a bug, an abort) stops the run, pending kept.
    if (!(error instanceof TrackerError)) throw error;
    if (error.transient) {
      run.since.set(pending, run.policy.now());
      return;
    }
    run.state.pending = run.state.pending.filter((p) => p !== pending);
    await run.saveLedger();
    for (const item of batch) run.report.failed.push({ itemId: item.itemId, error: error.message });
    return;
  }
  run.state.pending = run.state.pending.filter((p) => p !== pending);
  for (const outcome of outcomes) {
    if (!outcome.ok) {
      run.report.failed.push({ itemId: outcome.itemId, error: outcome.error });
      continue;
    }
    run.state.created.push({ itemId: outcome.itemId, id: outcome.id, key: outcome.key, sentAt: pending.sentAt });
    run.keys.set(outcome.itemId, outcome.key);
    run.report.created.push({ itemId: outcome.itemId, key: outcome.key });
  }
  await run.saveLedger();
  run.linker?.ready(outcomes.flatMap((o) => (o.ok ? [o.itemId] : [])));
  run.mirrored = run.mirror();
  // Awaited at the end of the run; a handler now keeps a failure from counting as unhandled meanwhile.
  run.mirrored.catch(() => undefined);
}

/**
 * Keeps every id the record is known to have on its parent (the tracker's ledger mirror), for
 * a run on another machine. Best effort: the run's own ledger already holds them, so a refusal
 * (a property the project forbids) costs only the other machine's shortcut, not this run.
 */
async function mirrorLedger(run: Run): Promise<void> {
  const mirror = run.tracker.ledgerMirror;
  const parentKey = run.keys.get(itemIdOf(run.plan.recordId, 'parent', run.plan.recordId));
  if (!mirror || !parentKey) return;
  const ids = [...new Set([...[...run.found.values()].map((i) => i.id), ...run.state.created.map((e) => e.id)])];
  try {
    await run.send(() => mirror.write(parentKey, ids), 'idempotent-write');
  } catch (error) {
    if (!(error instanceof TrackerError)) throw error;
  }
}

/** Polls between searches while creates are unsettled: quick first, then no faster than this. */
export const SETTLE_POLL_MS = [500, 1_000, 2_000, 4_000];

/**
 * Waits until the search can be trusted for every unanswered create, adopting what it made.
 * A create is settled when the search shows all its items; or when it shows an issue of this
 * record created after the create went unanswered (the index has caught up past it, so what
 * it still lacks was never made); or `settleMs` after it was sent. Only then may its missing
 * items be sent again.
 */
async function settle(run: Run): Promise<void> {
  announceSettle(run);
  for (let poll = 0; run.state.pending.length > 0; poll += 1) {
    // Without reconcile: the question is what the index itself has caught up with.
    const indexed = await searchAll(run.tracker, run.plan.recordId, run.send);
    const shownIds = new Set([...indexed.values()].map((i) => i.id));
    const now = run.policy.now();
    run.state.pending = run.state.pending.filter((p) => {
      for (const itemId of p.itemIds) {
        const item = indexed.get(itemId);
        if (item && !run.keys.has(itemId)) adopt(item, p, run);
      }
      const since = run.since.get(p) ?? now;
      const caughtUp = run.state.created.some((e) => e.sentAt > since && shownIds.has(e.id));
      return !(p.itemIds.every((id) => run.keys.has(id)) || caughtUp || now >= p.sentAt + run.settleMs);
    });
    await run.saveLedger();
    if (run.state.pending.length === 0) return;
    await run.policy.sleep(SETTLE_POLL_MS[Math.min(poll, SETTLE_POLL_MS.length - 1)] ?? 0);
  }
}

/** The settle wait is up to `settleMs` of polling: said once, with its longest, so it is never silent. */
function announceSettle(run: Run): void {
  const now = run.policy.now();
  const until = Math.max(now, ...run.state.pending.map((p) => p.sentAt + run.settleMs));
  if (until > now) run.policy.onWait?.({ tracker: run.tracker.name, reason: 'search lag', waitMs: until - now, until });
}

/**
 * An item an unanswered create made after all: it counts as created, and the ledger learns its
 * id. It keeps the create's own send time: it was made then, so it can never stand as proof
 * that the index caught up past a later unanswered create.
 */
function adopt(item: ExistingItem, from: PendingCreate, run: Run): void {
  run.state.created.push({ itemId: item.itemId, id: item.id, key: item.key, sentAt: from.sentAt });
  run.keys.set(item.itemId, item.key);
  run.found.set(item.itemId, item);
  run.report.created.push({ itemId: item.itemId, key: item.key });
  run.linker?.ready([item.itemId]);
}

function requestFor(item: PlanItem, run: Run): CreateRequest {
  const assigneeAccount = item.assignee ? (run.accounts.get(item.assignee) ?? null) : null;
  return {
    item,
    property: {
      recordId: run.plan.recordId,
      itemId: item.itemId,
      planHash: run.plan.hash,
      ...(assigneeAccount ? { assignee: assigneeAccount } : {}),
    },
    assigneeAccount,
    parentKey: item.parent ? (run.keys.get(item.parent) ?? null) : null,
    ...(item.kind === 'parent' ? { groups: run.plan.groups } : {}),
  };
}
