import type { Plan, PlanItem } from '../domain/plan/plan';
import type { CreateRequest, ExistingItem, ProvisioningTracker } from './tracker';
import { TrackerError } from './tracker-error';
import { createSender, defaultRetryPolicy, retryDelay, type RetryPolicy, type Sender } from './retry';
import type { Accounts } from './people-directory';
import type { ProvisionProgress, ProvisionReport } from './report';
import { linkPlan } from './links';

export type ApplyOptions = {
  accounts: Accounts;
  policy?: RetryPolicy;
  onProgress?: (progress: ProvisionProgress) => void;
};

/**
 * Applies a plan through a tracker: finds what already exists (one search), creates the rest
 * in batches in plan order — the parent first, since every other item hangs under it — then
 * links blockers once both ends exist. Safe to run again at any point: a second run creates
 * nothing and links nothing twice; a run killed halfway is finished by the next.
 */
export async function applyPlan(
  plan: Plan,
  tracker: ProvisioningTracker,
  options: ApplyOptions,
): Promise<ProvisionReport> {
  const policy = options.policy ?? defaultRetryPolicy;
  const send = createSender(policy);
  const startCalls = tracker.requests();
  const report: ProvisionReport = {
    recordId: plan.recordId,
    created: [],
    existing: [],
    failed: [],
    links: { created: 0, existing: 0, failed: [] },
    calls: 0,
  };
  const found = await searchAll(tracker, plan.recordId, send);
  options.onProgress?.({ phase: 'search', found: found.size });
  const keys = new Map<string, string>();
  for (const item of plan.items) {
    const existing = found.get(item.itemId);
    if (existing) {
      keys.set(item.itemId, existing.key);
      report.existing.push({ itemId: item.itemId, key: existing.key });
    }
  }
  const [parent, ...rest] = plan.items;
  const create = (items: readonly PlanItem[]) =>
    createMissing(items, {
      plan,
      tracker,
      policy,
      send,
      keys,
      report,
      accounts: options.accounts,
      onProgress: options.onProgress,
    });
  if (parent) await create([parent]);
  const parentFailed = report.failed.find((f) => f.itemId === parent?.itemId);
  if (parentFailed) {
    for (const item of rest)
      if (!keys.has(item.itemId))
        report.failed.push({
          itemId: item.itemId,
          error: `not created: the parent could not be created (${parentFailed.error})`,
        });
  } else {
    await create(rest);
    await linkPlan(plan, tracker, {
      keys,
      found,
      send,
      report,
      onProgress: options.onProgress,
      maxAttempts: policy.maxAttempts,
      now: policy.now,
      sleep: policy.sleep,
      backoff: (attempt) => policy.sleep(retryDelay(transientError, attempt, 'read', policy) ?? 0),
    });
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

/** Every item of a record the tracker holds, by item id, page after page. */
export async function searchAll(
  tracker: ProvisioningTracker,
  recordId: string,
  send: Sender,
): Promise<Map<string, ExistingItem>> {
  const found = new Map<string, ExistingItem>();
  let cursor: string | undefined;
  do {
    const page = await send(() => tracker.searchItems(recordId, cursor), 'read');
    for (const item of page.items) if (!found.has(item.itemId)) found.set(item.itemId, item);
    cursor = page.cursor;
  } while (cursor);
  return found;
}

type CreateContext = {
  plan: Plan;
  tracker: ProvisioningTracker;
  policy: RetryPolicy;
  send: Sender;
  keys: Map<string, string>;
  report: ProvisionReport;
  accounts: Accounts;
  onProgress: ApplyOptions['onProgress'];
};

/** Creates the items that do not exist yet, `maxBatch` at a time. */
async function createMissing(items: readonly PlanItem[], ctx: CreateContext): Promise<void> {
  const missing = items.filter((item) => !ctx.keys.has(item.itemId) && assignable(item, ctx));
  for (let i = 0; i < missing.length; i += ctx.tracker.maxBatch) {
    await createBatch(missing.slice(i, i + ctx.tracker.maxBatch), ctx);
    ctx.onProgress?.({ phase: 'create', done: ctx.keys.size, total: ctx.plan.items.length });
  }
}

/** Work is never created unassigned by accident: an assignee without an account fails the item. */
function assignable(item: PlanItem, ctx: CreateContext): boolean {
  if (!item.assignee || ctx.accounts.get(item.assignee)) return true;
  ctx.report.failed.push({
    itemId: item.itemId,
    error: `${item.assignee} has no ${ctx.tracker.name} account that can be assigned`,
  });
  return false;
}

/**
 * One batch. A 429 is retried as it is (nothing was created); after a 5xx or a dropped
 * connection some items may exist already, so the engine searches and sends only the rest.
 */
async function createBatch(batch: readonly PlanItem[], ctx: CreateContext): Promise<void> {
  let pending = [...batch];
  for (let attempt = 1; pending.length > 0; attempt += 1) {
    try {
      const outcomes = await ctx.send(
        () => ctx.tracker.createItems(pending.map((item) => requestFor(item, ctx))),
        'create',
      );
      for (const outcome of outcomes) {
        if (outcome.ok) {
          ctx.keys.set(outcome.itemId, outcome.key);
          ctx.report.created.push({ itemId: outcome.itemId, key: outcome.key });
        } else ctx.report.failed.push({ itemId: outcome.itemId, error: outcome.error });
      }
      return;
    } catch (error) {
      // Only tracker errors are outcomes; anything else (a bug, an abort) stops the run.
      if (!(error instanceof TrackerError)) throw error;
      const delay = error.transient ? retryDelay(error, attempt, 'read', ctx.policy) : null;
      if (delay === null) {
        for (const item of pending) ctx.report.failed.push({ itemId: item.itemId, error: error.message });
        return;
      }
      await ctx.policy.sleep(delay);
      pending = await reconcile(pending, ctx);
    }
  }
}

/** After an ambiguous failure: whatever the tracker did create counts as created, the rest is retried. */
async function reconcile(pending: PlanItem[], ctx: CreateContext): Promise<PlanItem[]> {
  const found = await searchAll(ctx.tracker, ctx.plan.recordId, ctx.send);
  return pending.filter((item) => {
    const existing = found.get(item.itemId);
    if (!existing) return true;
    ctx.keys.set(item.itemId, existing.key);
    ctx.report.created.push({ itemId: item.itemId, key: existing.key });
    return false;
  });
}

function requestFor(item: PlanItem, ctx: CreateContext): CreateRequest {
  return {
    item,
    property: { recordId: ctx.plan.recordId, itemId: item.itemId, planHash: ctx.plan.hash },
    assigneeAccount: item.assignee ? (ctx.accounts.get(item.assignee) ?? null) : null,
    parentKey: item.parent ? (ctx.keys.get(item.parent) ?? null) : null,
    ...(item.kind === 'parent' ? { groups: ctx.plan.groups } : {}),
  };
}
