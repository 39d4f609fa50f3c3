import { z } from 'zod';
import type { Problem } from '../../domain/problem';
import { buildPlan } from '../../domain/plan/plan';
import type { HandoffRecord } from '../../domain/record/record';
import { createJiraTracker } from '../../trackers/jira/jira-tracker';
import type { JiraRequest } from '../../trackers/jira/jira-request';
import type { RetryPolicy } from '../../provision/retry';
import { assessRecord, writesNeeded } from '../../usecases/provision-record';
import type { App } from '../deps';
import { HandoffError, publicMessage } from '../errors';
import { jiraProjectKey } from '../../domain/record/jira-keys';
import { startJournal, type RunTrigger } from './journal';
import { loadValidRecord } from '../resolvers/records';
import { failRun, queueAfterRateLimit, runSlice, type SliceResult } from './run-slice';
import { forgeRun, takeClaim } from './tracker-claim';

/**
 * A queue event names a slice of a run, nothing more: the plan is
 * rebuilt from storage, so every event is tiny whatever the plan's size.
 */
export const sliceEvent = z.object({
  projectKey: jiraProjectKey,
  runId: z.string().min(1),
  slice: z.number().int().min(1),
});
export type SliceEvent = z.infer<typeof sliceEvent>;

export type StartRequest = {
  projectKey: string;
  record: HandoffRecord;
  siteUrl: string;
  /** Who acts in Jira for the gate and an inline run. */
  jira: JiraRequest;
  trigger: RunTrigger;
  by: string;
  commentOn: string | null;
  /** Whether a small plan may run right here (a resolver call) rather than in the queue. */
  inlineAllowed: boolean;
  /** The gate's retry policy: a resolver's keeps to its budget; the app's by default. */
  policy?: RetryPolicy;
};

/** `busy`: another run holds the project; `why` names a CLI run that holds the record's tracker claim. */
export type StartResult = SliceResult | { kind: 'not-yet'; blockers: Problem[] } | { kind: 'busy'; why?: string };

/**
 * Starts provisioning a record: the gate with every assignee looked up, then — only on go —
 * the project's lock, the journal, and either an inline run (small plans, user actions) or
 * the first queue event. A second start while a run holds the lock answers `busy`.
 */
export async function startProvisioning(app: App, req: StartRequest): Promise<StartResult> {
  const started = app.now();
  const today = app.today();
  const tracker = createJiraTracker({ request: req.jira, projectKey: req.projectKey, siteUrl: req.siteUrl });
  const { plan, accounts, gate } = await assessRecord(req.record, tracker, {
    target: 'jira',
    today,
    policy: req.policy ?? app.policy,
  });
  if (gate.decision === 'not-yet') return { kind: 'not-yet', blockers: gate.blockers };
  const runId = app.newId();
  if (!(await app.locks.acquire(req.projectKey, runId, app.limits.lockMs))) return { kind: 'busy' };
  const run = forgeRun(app, tracker, runId);
  let releaseClaim: () => Promise<void>;
  try {
    releaseClaim = await takeClaim(app, run, plan.recordId);
  } catch (error) {
    await app.locks.release(req.projectKey, runId);
    if (error instanceof HandoffError && error.code === 'BUSY') return { kind: 'busy', why: error.message };
    throw error;
  }
  const at = new Date(app.now()).toISOString();
  const journal = startJournal({
    runId,
    trigger: req.trigger,
    by: req.by,
    commentOn: req.commentOn,
    today,
    plan,
    accounts,
    at,
  });
  const ctx = { projectKey: req.projectKey, jira: req.jira };
  try {
    await app.store.saveJournal(req.projectKey, journal);
    await app.store.appendHistory(req.projectKey, {
      at,
      by: req.by,
      action: 'provisioning-started',
      summary: `${plan.items.length} item(s), started by ${req.trigger} (run ${runId})`,
    });
    if (
      req.inlineAllowed &&
      plan.items.length <= app.limits.inlineItems &&
      writesNeeded(plan, tracker) <= app.limits.inlineRequests
    ) {
      const result = await runSlice(app, {
        ...ctx,
        journal,
        plan,
        tracker: run.tracker,
        slice: 1,
        inline: true,
        started,
      });
      await releaseIfEnded(app, req.projectKey, releaseClaim);
      return result;
    }
    await app.queue.push({ body: { projectKey: req.projectKey, runId, slice: 1 } });
    return { kind: 'queued', runId };
  } catch (error) {
    // runSlice records its own failures; this catches the journal or the queue failing first.
    if ((await app.store.loadJournal(req.projectKey))?.state === 'running')
      await failRun(app, ctx, journal, 'the run could not be started');
    await releaseClaim();
    throw error;
  }
}

/**
 * The consumer's part: runs one slice of a run, as the app. An event delivered twice, or one
 * whose run has lost its lock (it expired and another run took over), does nothing.
 */
export async function continueRun(app: App, event: SliceEvent): Promise<void> {
  const started = app.now();
  const { projectKey, runId, slice } = event;
  if (!(await app.locks.claimOnce(`${projectKey}:${runId}:${slice}`))) return;
  if (!(await app.locks.refresh(projectKey, runId, app.limits.lockMs))) return;
  const journal = await app.store.loadJournal(projectKey);
  if (journal?.runId !== runId || journal.state !== 'running') return;
  // A wait longer than the queue's longest delay goes in steps: this one only queues the next.
  const waitingUntil = journal.waitingUntil ? Date.parse(journal.waitingUntil) : 0;
  if (waitingUntil > app.now()) {
    await queueAfterRateLimit(app, { projectKey, slice }, journal, waitingUntil);
    return;
  }
  const jira = app.jiraAsApp();
  let releaseClaim = async (): Promise<void> => undefined;
  try {
    const record = await loadValidRecord(app.store, projectKey);
    const plan = buildPlan(record, { target: 'jira' });
    if (plan.hash !== journal.planHash)
      throw new HandoffError(
        'INVALID_RECORD',
        'The record was changed while it was being provisioned; provision it again to apply the new version.',
      );
    const entry = await app.store.project(projectKey);
    if (!entry) throw new HandoffError('NOT_FOUND', `Project ${projectKey} has no saved record any more.`);
    const run = forgeRun(app, createJiraTracker({ request: jira, projectKey, siteUrl: entry.siteUrl }), runId);
    releaseClaim = await takeClaim(app, run, plan.recordId);
    await runSlice(app, { projectKey, journal, plan, tracker: run.tracker, jira, slice, inline: false, started });
  } catch (error) {
    // runSlice ends the run itself on a failure; anything before it must end it here.
    if ((await app.store.loadJournal(projectKey))?.state === 'running')
      await failRun(app, { projectKey, jira }, journal, publicMessage(error, app.secrets));
    throw error;
  } finally {
    await releaseIfEnded(app, projectKey, releaseClaim);
  }
}

/** A run keeps its tracker claim from slice to slice (each takes it again, as its own); it goes when the run ends. */
async function releaseIfEnded(app: App, projectKey: string, release: () => Promise<void>): Promise<void> {
  if ((await app.store.loadJournal(projectKey))?.state !== 'running') await release();
}
