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
import { HandoffError, publicMessage, redact } from '../errors';
import { addComment } from '../jira/jira-project';
import type { SliceClaim } from '../storage/slice-claim';
import { finalOutcome, storedOutcomeOf, type Journal, type RunFailures, type RunOutcome } from './journal';
import { retryLater } from './platform-retry';
import { SliceExhausted, budgetedPolicy, budgetedTracker, type SliceMemory } from './slice-budget';
import { counted } from '../../domain/words';

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
  /** The run's tracker claim goes when the run ends, whichever way. */
  releaseClaim(): Promise<void>;
  /**
   * A queue slice: its delivery's claim (refreshed with each progress save) and attempt (Forge's
   * retry count), so a transient failure asks for the event again rather than ending the run.
   * Null for an inline run, which no platform retries.
   */
  delivery: { claim: SliceClaim; attempt: number } | null;
};

/** Another delivery of this slice's event took it over (this one went too long without a sign of life). */
export class SliceTakenOver extends Error {
  constructor() {
    super('another delivery of this slice took it over; this one stops');
    this.name = 'SliceTakenOver';
  }
}

export type SliceResult = { kind: 'done'; runId: string; outcome: RunOutcome } | { kind: 'queued'; runId: string };

/** Progress is saved at most this often while a slice writes, and always when it ends. */
const SAVE_EVERY_MS = 2_000;

/**
 * One slice of a run: `applyPlan` on the whole plan — the engine is idempotent, so it finds
 * what earlier slices made and carries on — until it finishes or the slice's budget runs out.
 * Then the run is finished, or the next slice is pushed to the queue. A failure ends the run
 * (recorded, lock released) and is rethrown for the caller to report — unless it is transient
 * and Forge may still deliver the event again: then the run goes on and only the error is thrown.
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
  const pages = app.store.failures(ctx.projectKey, journal.runId);
  const known = await pages.load(journal.failurePages);
  const memory: SliceMemory = {
    preExisting: journal.preExisting,
    failedItems: known.items,
    failedLinks: known.links,
    linksCreated: journal.linksCreated,
    writes: 0,
    items: 0,
  };
  let progress = journal.progress;
  let savedAt = started;
  const snapshot = (): Journal => ({
    ...journal,
    preExisting: memory.preExisting,
    linksCreated: memory.linksCreated,
    progress,
    slices: ctx.slice,
    waitingUntil: null,
    updatedAt: new Date(app.now()).toISOString(),
  });
  // The failure pages first: the journal says how many there are.
  const withPages = async (
    saved: Journal,
    failures: RunFailures = { items: memory.failedItems, links: memory.failedLinks },
  ) => ({ ...saved, failurePages: await pages.save(failures) });
  const keep = async (saved: Journal) => app.store.saveJournal(ctx.projectKey, await withPages(saved));
  let ended = false;
  let beforeSaved = journal.preExisting !== null;
  // Every save is also the slice's sign of life; a slice that finds its claim taken stops there.
  const saveProgress = async () => {
    // What existed before the run is saved at its first write: a slice that dies next must not
    // leave its successor counting this run's issues as found from before.
    const firstWrite = !beforeSaved && memory.preExisting !== null;
    if (ended || (!firstWrite && app.now() - savedAt < SAVE_EVERY_MS)) return;
    beforeSaved = memory.preExisting !== null;
    savedAt = app.now();
    if (ctx.delivery && !(await ctx.delivery.claim.beat())) throw new SliceTakenOver();
    await keep(snapshot());
  };

  const sliced = budgetedTracker(alive(ctx.tracker, saveProgress), budget, memory, saveProgress);
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
    if (ctx.delivery && !(await ctx.delivery.claim.beat())) throw new SliceTakenOver();
    const finished = snapshot();
    const outcome = finalOutcome(finished, plan, report);
    const done = {
      ...finished,
      state: 'done' as const,
      progress: { phase: 'done' as const, done: plan.items.length, total: plan.items.length },
      outcome: storedOutcomeOf(outcome),
    };
    // The pages now hold the outcome's failures, each once: the journal only counts them.
    await app.store.saveJournal(
      ctx.projectKey,
      await withPages(done, { items: outcome.failed, links: outcome.links.failed }),
    );
    await finishRun(app, ctx, done, outcome);
    return { kind: 'done', runId: journal.runId, outcome };
  } catch (error) {
    if (error instanceof SliceTakenOver) throw error;
    if (error instanceof RateLimitedUntil)
      return queueAfterRateLimit(app, ctx, await withPages(snapshot()), error.until);
    if (ctx.delivery && retryLater(error, ctx.delivery.attempt)) {
      // Forge delivers the event again: what this slice learned is kept if storage lets it.
      await keep(snapshot()).catch((e: unknown) =>
        app.log(`[forge] progress of ${journal.runId} not saved: ${reason(app, e)}`),
      );
      throw error;
    }
    if (!(error instanceof SliceExhausted)) {
      await failRun(app, ctx, snapshot(), publicMessage(error, app.secrets), keep);
      throw error;
    }
    const idleSlices = memory.writes === 0 ? journal.idleSlices + 1 : 0;
    if (idleSlices >= limits.maxIdleSlices) {
      const why = `Jira accepted no request in ${idleSlices} attempts in a row (rate limited).`;
      await failRun(app, ctx, snapshot(), why, keep);
      throw new HandoffError('TRACKER', why);
    }
    await keep({ ...snapshot(), idleSlices });
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

/** A run that finished (its journal saved): the history says so, the run lets go, the kickoff issue is told. */
async function finishRun(app: App, ctx: SliceContext, journal: Journal, outcome: RunOutcome): Promise<void> {
  const { created, existing, failed, links } = outcome;
  await app.store.appendHistory(ctx.projectKey, {
    at: journal.updatedAt,
    by: journal.by,
    action: 'provisioned',
    summary:
      `${created.length} created, ${existing.length} existing, ${failed.length} ` +
      `failed; ${counted(links.created, 'link')} created`,
  });
  await letGoOfRun(app, ctx, journal.runId);
  if (journal.commentOn)
    await comment(app, ctx.jira, journal.commentOn, () => outcomeComment(journal, outcome, ctx.tracker.itemUrl));
}

type RunEnd = Pick<SliceContext, 'projectKey' | 'jira' | 'releaseClaim'>;

/**
 * Ends a run for good: the journal says why, the kickoff issue is told, and the lock and the
 * tracker claim are released whatever fails — a journal or history that cannot be saved is
 * logged, and the project is free to provision again rather than locked until the lock expires.
 * `keep` saves the journal (a slice saves its failure pages with it).
 */
export async function failRun(
  app: App,
  ctx: RunEnd,
  journal: Journal,
  why: string,
  keep: (failed: Journal) => Promise<void> = (failed) => app.store.saveJournal(ctx.projectKey, failed),
): Promise<void> {
  const failed: Journal = { ...journal, state: 'failed', error: why, updatedAt: new Date(app.now()).toISOString() };
  try {
    await keep(failed);
    await app.store.appendHistory(ctx.projectKey, {
      at: failed.updatedAt,
      by: journal.by,
      action: 'provisioning-failed',
      summary: why,
    });
  } catch (error) {
    const run = `run ${journal.runId} of ${ctx.projectKey}`;
    app.log(`[forge] ${run} failed (${why}); that could not be saved: ${reason(app, error)}`);
  } finally {
    await letGoOfRun(app, ctx, journal.runId);
  }
  if (journal.commentOn) await comment(app, ctx.jira, journal.commentOn, () => failureComment(journal.title, why));
}

/** The project lock and the tracker claim, each released even when the other cannot be. */
async function letGoOfRun(app: App, ctx: RunEnd, runId: string): Promise<void> {
  await app.locks
    .release(ctx.projectKey, runId)
    .catch((error: unknown) =>
      app.log(`[forge] the lock of ${ctx.projectKey} lapses on its own: ${reason(app, error)}`),
    );
  await ctx
    .releaseClaim()
    .catch((error: unknown) =>
      app.log(`[forge] the tracker claim of ${runId} lapses on its own: ${reason(app, error)}`),
    );
}

/** An error's own words for the app's log (secrets removed): the log is where an admin looks for the cause. */
function reason(app: App, error: unknown): string {
  return redact(error instanceof Error ? error.message : String(error), app.secrets);
}

/** `tracker` with a progress save (and so a sign of life) after each search, which can go on for minutes. */
function alive(tracker: ProvisioningTracker, saveProgress: () => Promise<void>): ProvisioningTracker {
  return {
    ...tracker,
    async searchItems(recordId, cursor, reconcile) {
      const page = await tracker.searchItems(recordId, cursor, reconcile);
      await saveProgress();
      return page;
    },
    async fetchItems(recordId, ids) {
      const items = await tracker.fetchItems(recordId, ids);
      await saveProgress();
      return items;
    },
  };
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
