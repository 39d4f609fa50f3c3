import type { Plan } from '../../domain/plan/plan';
import { applyPlan } from '../../provision/engine';
import { RateLimitedUntil } from '../../provision/rate-limited';
import { withRetry } from '../../provision/retry';
import type { ProvisionProgress } from '../../provision/report';
import type { ProvisioningTracker } from '../../provision/tracker';
import type { JiraRequest } from '../../trackers/jira/jira-request';
import type { AdfDocument } from '../../trackers/jira/adf';
import { failureComment, outcomeComment } from '../jira/comments';
import type { App } from '../deps';
import { HandoffError, publicMessage } from '../errors';
import { addComment } from '../jira/jira-project';
import { finalOutcome, type Journal, type RunOutcome } from './journal';
import { SliceExhausted, budgetedPolicy, budgetedTracker, type SliceMemory } from './slice-budget';

export const PROVISION_QUEUE = 'provision';

export type SliceContext = {
  projectKey: string;
  journal: Journal;
  plan: Plan;
  tracker: ProvisioningTracker;
  /** Who acts: the user for an inline run, the app in the consumer. Comments go as the same. */
  jira: JiraRequest;
  slice: number;
  inline: boolean;
  /** When the invocation began: its time limit counts from there, not from this slice. */
  started: number;
};

export type SliceResult = { kind: 'done'; runId: string; outcome: RunOutcome } | { kind: 'queued'; runId: string };

/** Progress is saved at most this often while a slice writes, and always when it ends. */
const SAVE_EVERY_MS = 2_000;

/**
 * One slice of a run: `applyPlan` on the whole plan — the engine is idempotent, so it finds
 * what earlier slices made and carries on — until it finishes or the slice's budget runs out.
 * Then the run is finished, or the next slice is pushed to the queue. A failure ends the run
 * (recorded, lock released) and is rethrown for the caller to report.
 */
export async function runSlice(app: App, ctx: SliceContext): Promise<SliceResult> {
  const { journal, plan, started } = ctx;
  const limits = app.limits;
  const budget = {
    now: app.now,
    softDeadline: started + (ctx.inline ? limits.inlineSoftMs : limits.sliceSoftMs),
    hardDeadline: started + (ctx.inline ? limits.inlineHardMs : limits.sliceHardMs),
    maxItems: Math.max(limits.itemsPerSlice, ctx.tracker.maxBatch),
  };
  const memory: SliceMemory = {
    preExisting: journal.preExisting,
    failedItems: [...journal.failedItems],
    failedLinks: [...journal.failedLinks],
    linksCreated: journal.linksCreated,
    writes: 0,
    items: 0,
  };
  let progress = journal.progress;
  let savedAt = started;
  const snapshot = (): Journal => ({
    ...journal,
    preExisting: memory.preExisting,
    failedItems: memory.failedItems,
    failedLinks: memory.failedLinks,
    linksCreated: memory.linksCreated,
    progress,
    slices: ctx.slice,
    waitingUntil: null,
    updatedAt: new Date(app.now()).toISOString(),
  });
  let ended = false;
  const saveProgress = async () => {
    if (ended || app.now() - savedAt < SAVE_EVERY_MS) return;
    savedAt = app.now();
    await app.store.saveJournal(ctx.projectKey, snapshot());
  };

  const sliced = budgetedTracker(ctx.tracker, budget, memory, saveProgress);
  try {
    const report = await applyPlan(plan, sliced.tracker, {
      accounts: new Map(Object.entries(journal.accounts)),
      policy: budgetedPolicy(app.policy, budget),
      ledger: app.store.ledger(ctx.projectKey, plan.recordId),
      onProgress: (p) => {
        progress = progressOf(p, plan);
      },
    }).finally(async () => {
      await sliced.close();
      ended = true;
    });
    const finished = snapshot();
    const outcome = finalOutcome(finished, plan, report);
    await finishRun(app, ctx, {
      ...finished,
      state: 'done',
      progress: { phase: 'done', done: plan.items.length, total: plan.items.length },
      outcome,
    });
    return { kind: 'done', runId: journal.runId, outcome };
  } catch (error) {
    if (error instanceof RateLimitedUntil) return queueAfterRateLimit(app, ctx, snapshot(), error.until);
    if (!(error instanceof SliceExhausted)) {
      await failRun(app, ctx, snapshot(), publicMessage(error, app.secrets));
      throw error;
    }
    const idleSlices = memory.writes === 0 ? journal.idleSlices + 1 : 0;
    if (idleSlices >= limits.maxIdleSlices) {
      const reason = `Jira accepted no request in ${idleSlices} attempts in a row (rate limited).`;
      await failRun(app, ctx, snapshot(), reason);
      throw new HandoffError('TRACKER', reason);
    }
    await app.store.saveJournal(ctx.projectKey, { ...snapshot(), idleSlices });
    // After a slice that could not write, give Jira's rate limit a minute before the next one.
    await app.queue.push({
      body: { projectKey: ctx.projectKey, runId: journal.runId, slice: ctx.slice + 1 },
      ...(idleSlices ? { delayInSeconds: 60 } : {}),
    });
    return { kind: 'queued', runId: journal.runId };
  }
}

/** The longest `delayInSeconds` Forge's queue takes (@forge/events: "between 0 and 900"). */
export const MAX_QUEUE_DELAY_SECONDS = 900;

/**
 * The run waits for Jira's rate limit instead of failing: the journal says until when (the
 * panel shows it), the lock is held past it, and the next slice is queued to start then — in
 * steps of at most 900 s, each step queuing the next until the reset is reached.
 */
export async function queueAfterRateLimit(
  app: App,
  ctx: Pick<SliceContext, 'projectKey' | 'slice'>,
  journal: Journal,
  until: number,
): Promise<SliceResult> {
  const waitMs = Math.max(0, until - app.now());
  await app.store.saveJournal(ctx.projectKey, {
    ...journal,
    waitingUntil: new Date(until).toISOString(),
    updatedAt: new Date(app.now()).toISOString(),
  });
  // Held past the wait, or the panel would call the run stalled and a new run could take over.
  await app.locks.refresh(ctx.projectKey, journal.runId, waitMs + app.limits.lockMs);
  await app.queue.push({
    body: { projectKey: ctx.projectKey, runId: journal.runId, slice: ctx.slice + 1 },
    delayInSeconds: Math.min(MAX_QUEUE_DELAY_SECONDS, Math.max(1, Math.ceil(waitMs / 1000))),
  });
  return { kind: 'queued', runId: journal.runId };
}

function progressOf(p: ProvisionProgress, plan: Plan): Journal['progress'] {
  if (p.phase === 'search') return { phase: 'search', done: p.found, total: plan.items.length };
  return { phase: p.phase, done: p.done, total: p.total };
}

async function finishRun(app: App, ctx: SliceContext, journal: Journal & { outcome: RunOutcome }): Promise<void> {
  await app.store.saveJournal(ctx.projectKey, journal);
  const { created, existing, failed, links } = journal.outcome;
  await app.store.appendHistory(ctx.projectKey, {
    at: journal.updatedAt,
    by: journal.by,
    action: 'provisioned',
    summary:
      `${created.length} created, ${existing.length} existing, ${failed.length} ` +
      `failed; ${links.created} link(s) created (run ${journal.runId})`,
  });
  await app.locks.release(ctx.projectKey, journal.runId);
  if (journal.commentOn)
    await comment(app, ctx.jira, journal.commentOn, () =>
      outcomeComment(journal, journal.outcome, ctx.tracker.itemUrl),
    );
}

/** Ends a run for good: the journal says why, the lock is released, the kickoff issue is told. */
export async function failRun(
  app: App,
  ctx: Pick<SliceContext, 'projectKey' | 'jira'>,
  journal: Journal,
  reason: string,
): Promise<void> {
  const failed: Journal = { ...journal, state: 'failed', error: reason, updatedAt: new Date(app.now()).toISOString() };
  await app.store.saveJournal(ctx.projectKey, failed);
  await app.store.appendHistory(ctx.projectKey, {
    at: failed.updatedAt,
    by: journal.by,
    action: 'provisioning-failed',
    summary: reason,
  });
  await app.locks.release(ctx.projectKey, journal.runId);
  if (journal.commentOn) await comment(app, ctx.jira, journal.commentOn, () => failureComment(journal.title, reason));
}

/**
 * Comments on the kickoff issue, waiting out a 429 (a 5xx is not retried: the comment may
 * exist). A comment that cannot be posted is logged, never fatal to the run.
 */
export async function comment(app: App, jira: JiraRequest, issueKey: string, body: () => AdfDocument): Promise<void> {
  try {
    await withRetry(() => addComment(jira, issueKey, body()), 'create', app.policy);
  } catch (error) {
    app.log(`[forge] could not comment on ${issueKey}: ${publicMessage(error, app.secrets)}`);
  }
}
