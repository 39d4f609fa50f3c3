import { z } from 'zod';
import { jiraProjectKey } from '../../domain/record/jira-keys';
import { RateLimitedUntil } from '../../provision/rate-limited';
import type { App } from '../deps';
import { HandoffError, publicMessage } from '../errors';
import type { Caller } from '../resolvers/resolver-kit';
import { deadlinePolicy, deadlineRequest, OutOfTime } from './job-deadline';
import { JOB_WORK, type JobResults } from './job-kinds';
import { createJobStore, type Job, type JobKind, type JobProgress } from './job-store';
import { createSliceClaims, type Delivery } from '../storage/slice-claim';
import { retryLater } from './platform-retry';
import { SliceTakenOver } from './run-slice';

/** A queue event names a job and its slice; the job itself is in KVS. */
export const jobEvent = z.object({
  kind: z.literal('job'),
  projectKey: jiraProjectKey,
  jobId: z.string().min(1),
  slice: z.number().int().min(1),
});
export type JobEvent = z.infer<typeof jobEvent>;

/** What a resolver answers for work that may run in the background: its result now, or the job to watch. */
export type Background<T> = { state: 'done'; value: T } | { state: 'queued'; jobId: string };

/**
 * A job not finished after this many slices gives up and says so: each works up to 14 min, or
 * waits up to 15 for Jira's rate limit (an hourly quota takes four).
 */
const MAX_SLICES = 10;
/** Progress is written at most this often: a transfer moves a ticket every few hundred ms. */
const SAVE_EVERY_MS = 1_000;
/** The queue's longest delay: a longer rate limit is waited out in steps. */
const MAX_DELAY_S = 900;

/** Queues `kind` for the caller's project; the panel watches it with the `job` resolver. */
export async function startJob(
  app: App,
  caller: Pick<Caller, 'projectKey' | 'accountId'>,
  kind: JobKind,
  input: Job['input'] = {},
): Promise<{ state: 'queued'; jobId: string }> {
  const at = new Date(app.now()).toISOString();
  const job: Job = {
    id: app.newId(),
    kind,
    projectKey: caller.projectKey,
    by: caller.accountId,
    input,
    state: 'queued',
    progress: { phase: 'queued', done: 0, total: null, until: null },
    error: null,
    pages: 0,
    slices: 0,
    startedAt: at,
    updatedAt: at,
  };
  await createJobStore(app.kvs).save(job);
  await app.queue.push({ body: { kind: 'job', projectKey: job.projectKey, jobId: job.id, slice: 1 } });
  return { state: 'queued', jobId: job.id };
}

/**
 * A read that usually takes a second or two runs inside the resolver; one not done by the
 * hand-over time (a large record, a slow or rate-limiting Jira) is started again as a job —
 * reads only, so nothing is done twice — and the panel watches that instead.
 */
export async function inlineOrJob<K extends 'coverage' | 'change-history'>(
  app: App,
  caller: Caller,
  kind: K,
): Promise<Background<JobResults[K]>> {
  const handOver = caller.started + app.limits.handOverMs;
  const actor = {
    projectKey: caller.projectKey,
    siteUrl: caller.siteUrl,
    jira: deadlineRequest(caller.jira, handOver, app.now),
    by: caller.accountId,
  };
  try {
    const policy = deadlinePolicy(caller.policy, handOver, app.now);
    const value = await JOB_WORK[kind]({
      app,
      runId: app.newId(),
      actor,
      policy,
      input: {},
      movedBefore: [],
      progress: () => undefined,
    });
    return { state: 'done', value };
  } catch (error) {
    if (!(error instanceof OutOfTime || error instanceof RateLimitedUntil)) throw error;
    return startJob(app, caller, kind);
  }
}

/**
 * The consumer's part: one slice of a job, as the app, until the slice's deadline. Out of time,
 * it queues the next slice; rate limited past it, the next slice waits for the reset. The
 * result is saved in pages; a failure is saved as a sentence. A slice delivered twice runs once.
 */
export async function continueJob(app: App, event: JobEvent, delivery: Delivery): Promise<void> {
  const store = createJobStore(app.kvs);
  // Claimed as a run's slice is: a redelivery, or a delivery after its holder died, takes it over.
  const claim = await createSliceClaims(app.kvs, app.now).take(
    `job:${event.projectKey}:${event.jobId}:${event.slice}`,
    delivery,
  );
  if (!claim) return;
  const loaded = await store.load(event.projectKey, event.jobId);
  const entry = await app.store.project(event.projectKey);
  if (!loaded || loaded.state === 'done' || loaded.state === 'failed') return claim.end();
  let job: Job = { ...loaded, state: 'running', slices: event.slice };
  let savedAt = 0;
  // Progress is saved in the background of the work, in order; the outcome is saved after it.
  let saving = Promise.resolve();
  const save = async (progress: Partial<JobProgress>, force = false) => {
    job = { ...job, progress: { ...job.progress, until: null, ...progress }, updatedAt: stamp(app) };
    if (!force && app.now() - savedAt < SAVE_EVERY_MS) return;
    savedAt = app.now();
    if (!(await claim.beat())) throw new SliceTakenOver();
    await store.save(job);
  };
  const deadline = app.now() + app.limits.sliceHardMs;
  try {
    if (!entry) throw new HandoffError('NOT_FOUND', `Project ${event.projectKey} has no saved record any more.`);
    if (event.slice > MAX_SLICES)
      throw new HandoffError(
        'TRACKER',
        `Jira was too slow or busy to finish this in ${MAX_SLICES} tries; start it again.`,
      );
    await save({ phase: job.kind === 'transfer-owner' ? 'moving' : 'reading' }, true);
    const result = await JOB_WORK[job.kind]({
      app,
      runId: job.id,
      actor: {
        projectKey: job.projectKey,
        siteUrl: entry.siteUrl,
        jira: deadlineRequest(app.jiraAsApp(), deadline, app.now),
        by: job.by,
      },
      policy: deadlinePolicy(app.policy, deadline, app.now),
      input: job.input,
      movedBefore: job.progress.movedKeys ?? [],
      progress: (progress) => {
        saving = saving
          .then(() => save(progress))
          .catch((error: unknown) => app.log(`[forge] job progress: ${String(error)}`));
      },
    });
    await saving;
    await store.finish({ ...job, progress: { ...job.progress, phase: 'done' }, updatedAt: stamp(app) }, result);
    await claim.end();
  } catch (error) {
    await saving;
    if (error instanceof SliceTakenOver) throw error;
    if (error instanceof OutOfTime) {
      await save({}, true);
      await app.queue.push({ body: { ...event, slice: event.slice + 1 } });
      return claim.end();
    }
    if (error instanceof RateLimitedUntil) {
      await save({ phase: 'waiting', until: new Date(error.until).toISOString() }, true);
      const delay = Math.min(MAX_DELAY_S, Math.max(1, Math.ceil((error.until - app.now()) / 1000)));
      await app.queue.push({ body: { ...event, slice: event.slice + 1 }, delayInSeconds: delay });
      return claim.end();
    }
    // A transient failure is Forge's to deliver again (the consumer asks); the job stays running.
    if (retryLater(error, delivery.attempt)) throw error;
    job = { ...job, state: 'failed', error: publicMessage(error, app.secrets), updatedAt: stamp(app) };
    await store.save(job);
    await claim.end();
    if (!(error instanceof HandoffError)) throw error;
  }
}

const stamp = (app: App) => new Date(app.now()).toISOString();
