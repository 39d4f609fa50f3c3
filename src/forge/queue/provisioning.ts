import { z } from 'zod';
import type { Problem } from '../../domain/problem';
import { buildPlan } from '../../domain/plan/plan';
import type { HandoffRecord } from '../../domain/record/record';
import type { JiraRequest } from '../../trackers/jira/jira-request';
import type { RetryPolicy } from '../../provision/retry';
import { assessRecord, writesNeeded } from '../../usecases/provision-record';
import type { App } from '../deps';
import { HandoffError, publicMessage } from '../errors';
import { jiraProjectKey } from '../../domain/record/jira-keys';
import { startJournal } from './journal';
import { STARTED_BY, startedByPerson, type RunTrigger } from '../../domain/run-trigger';
import { loadValidRecord } from '../resolvers/records';
import { failRun, queueAfterRateLimit, runSlice, SliceTakenOver, type SliceResult } from './run-slice';
import { forgeRun, takeClaim } from './tracker-claim';
import { provisioningNeeds, refuseUnlessBackgroundMay } from '../jira/background-rights';
import type { RightsOf } from '../jira/permission-cache';
import { createSliceClaims, type Delivery } from '../storage/slice-claim';
import { retryLater } from './platform-retry';
import { counted } from '../../domain/words';
import { backgroundAsana, trackerFor } from '../tracker-for';

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
  /** This invocation's permissions reader: a run bound for the queue is checked before it goes. */
  rightsOf: RightsOf;
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
  const actor = { projectKey: req.projectKey, siteUrl: req.siteUrl, jira: req.jira, by: req.by };
  const { tracker, target } = await trackerFor(app, actor);
  const { plan, accounts, gate } = await assessRecord(req.record, tracker, {
    target,
    today,
    policy: req.policy ?? app.policy,
  });
  if (gate.decision === 'not-yet') return { kind: 'not-yet', blockers: gate.blockers };
  const inline =
    req.inlineAllowed &&
    plan.items.length <= app.limits.inlineItems &&
    writesNeeded(plan, tracker) <= app.limits.inlineRequests;
  // In the background the app acts: in Asana, with the grant an admin set, which must be there first.
  if (!inline && target === 'asana') backgroundAsana(app, req.projectKey);
  // Inline, Jira checks each write as the caller; the queue acts as the app, so both are asked first.
  if (!inline && target === 'jira')
    await refuseUnlessBackgroundMay(req.rightsOf, {
      projectKey: req.projectKey,
      startedBy: startedByPerson(req.trigger) ? req.by : null,
      needs: provisioningNeeds(plan, req.commentOn !== null),
      what: 'provision this record in the background',
    });
  // Who started it, by name, once: the page shows it on every load. A name Jira does not give is no reason to stop.
  const byName = startedByPerson(req.trigger)
    ? await tracker.currentAccount().then(
        (me) => me.name,
        () => null,
      )
    : null;
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
    byName,
    commentOn: req.commentOn,
    today,
    plan,
    accounts,
    at,
  });
  const ctx = { projectKey: req.projectKey, jira: req.jira, releaseClaim };
  try {
    await app.store.startJournal(req.projectKey, journal);
    await app.store.appendHistory(req.projectKey, {
      at,
      by: req.by,
      action: 'provisioning-started',
      summary: `${counted(plan.items.length, 'item')}, started ${STARTED_BY[req.trigger]}`,
    });
    if (inline)
      return await runSlice(app, {
        ...ctx,
        journal,
        plan,
        tracker: run.tracker,
        slice: 1,
        inline: true,
        started,
        delivery: null,
      });
    await app.queue.push({ body: { projectKey: req.projectKey, runId, slice: 1 } });
    return { kind: 'queued', runId };
  } catch (error) {
    // runSlice records its own failures; this catches the journal or the queue failing first.
    if (await stillRunning(app, req.projectKey)) await failRun(app, ctx, journal, 'the run could not be started');
    throw error;
  }
}

/**
 * The consumer's part: runs one slice of a run, as the app, for one delivery of its event. A
 * delivery of a slice another live delivery runs, or that already ended, or whose run has lost
 * its lock (it expired and another run took over), does nothing; a slice whose delivery died is
 * taken over (storage/slice-claim.ts). A transient failure Forge may retry is thrown without
 * ending the run (the consumer asks for the event again); any other ends it, recorded.
 */
export async function continueRun(app: App, event: SliceEvent, delivery: Delivery): Promise<void> {
  const started = app.now();
  const { projectKey, runId, slice } = event;
  const claim = await createSliceClaims(app.kvs, app.now).take(`${projectKey}:${runId}:${slice}`, delivery);
  if (!claim) return;
  // The slice's work is done (or there is none): a claim that cannot be marked so is only logged.
  const end = () => claim.end().catch((e: unknown) => app.log(`[forge] slice ${slice} of ${runId}: ${String(e)}`));
  if (!(await app.locks.refresh(projectKey, runId, app.limits.lockMs))) return end();
  const journal = await app.store.loadJournal(projectKey);
  if (journal?.runId !== runId || journal.state !== 'running') return end();
  // A wait longer than the queue's longest delay goes in steps: this one only queues the next.
  const waitingUntil = journal.waitingUntil ? Date.parse(journal.waitingUntil) : 0;
  if (waitingUntil > app.now()) {
    await queueAfterRateLimit(app, { projectKey, slice }, journal, waitingUntil);
    return end();
  }
  const jira = app.jiraAsApp();
  let releaseClaim = async (): Promise<void> => undefined;
  try {
    const entry = await app.store.project(projectKey);
    if (!entry) throw new HandoffError('NOT_FOUND', `Project ${projectKey} has no saved record any more.`);
    const { tracker, target } = await trackerFor(app, { projectKey, siteUrl: entry.siteUrl, jira, by: 'app' });
    const run = forgeRun(app, tracker, runId);
    // Taken (as the run's own) before anything can fail, so that ending the run releases it.
    releaseClaim = await takeClaim(app, run, journal.recordId);
    const record = await loadValidRecord(app.store, projectKey);
    const plan = buildPlan(record, { target });
    if (plan.hash !== journal.planHash)
      throw new HandoffError(
        'INVALID_RECORD',
        'The record was changed while it was being provisioned; provision it again to apply the new version.',
      );
    const sliceOf = { projectKey, journal, plan, tracker: run.tracker, jira, slice, inline: false, started };
    await runSlice(app, { ...sliceOf, releaseClaim, delivery: { claim, attempt: delivery.attempt } });
    await end();
  } catch (error) {
    if (error instanceof SliceTakenOver) throw error;
    // Forge's redelivery (a later attempt of this event) takes the slice's claim over at once.
    if (retryLater(error, delivery.attempt)) throw error;
    // runSlice ends the run itself on a failure; anything before it must end it here.
    if (await stillRunning(app, projectKey))
      await failRun(app, { projectKey, jira, releaseClaim }, journal, publicMessage(error, app.secrets));
    await end();
    throw error;
  }
}

/** Whether the project's journal still says running; unreadable counts as running, so the run is ended for sure. */
async function stillRunning(app: App, projectKey: string): Promise<boolean> {
  return app.store.loadJournal(projectKey).then(
    (journal) => journal?.state === 'running',
    () => true,
  );
}
