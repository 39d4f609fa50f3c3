import { z } from 'zod';
import { jiraProjectKey } from '../../domain/record/jira-keys';
import type { App } from '../deps';
import { HandoffError } from '../errors';
import { createJobStore, type Job } from '../queue/job-store';
import type { Caller } from './resolver-kit';
import { counted } from '../../domain/words';

export const jobPayload = z.strictObject({
  projectKey: jiraProjectKey.optional(),
  jobId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'a job id as `transferOwner`, `coverage` or `changeHistory` gave it'),
  /** Which page of a done job's result to include (from 0). */
  page: z.number().int().min(0).default(0),
});
export type JobPayload = z.input<typeof jobPayload>;

/**
 * A job as the panel watches it: state and progress, and once done one page of its result
 * (JSON text; the panel joins `pages` of them and parses the whole).
 */
export type JobView = Pick<Job, 'id' | 'kind' | 'state' | 'progress' | 'error' | 'pages' | 'updatedAt'> & {
  page: { index: number; text: string } | null;
};

/** One KVS read (two once done): cheap enough to poll. Only jobs of the caller's project are found. */
export async function jobResolver(app: App, caller: Caller, payload: z.output<typeof jobPayload>): Promise<JobView> {
  const store = createJobStore(app.kvs);
  const job = await store.load(caller.projectKey, payload.jobId);
  if (!job)
    throw new HandoffError('NOT_FOUND', `No job ${payload.jobId} in ${caller.projectKey} (results are kept a day).`);
  const { id, kind, state, progress, error, pages, updatedAt } = job;
  const view = { id, kind, state, progress, error, pages, updatedAt, page: null };
  if (state !== 'done') return view;
  if (payload.page >= pages)
    throw new HandoffError('BAD_REQUEST', `Job ${id} has ${counted(pages, 'page')} of result.`, [
      { path: 'page', message: `must be below ${pages}` },
    ]);
  const text = await store.page(job, payload.page);
  if (text === null) throw new HandoffError('NOT_FOUND', `The result of job ${id} has expired; start it again.`);
  return { ...view, page: { index: payload.page, text } };
}
