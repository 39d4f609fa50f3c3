import { z } from 'zod';
import type { KvsPort } from '../storage/kvs-port';

/**
 * Background jobs of the project page — work that may not fit a resolver's 25 s — kept in KVS:
 *
 *   job:<KEY>:<id>          what the job is, its state and progress (small, whatever the job)
 *   job-page:<KEY>:<id>:<n> its result as JSON text, cut in pages so no value nears 240 KiB
 *
 * Both expire a day after their last write: a result is a snapshot of Jira, read again at will.
 */
const JOB_KINDS = ['transfer-owner', 'coverage', 'change-history'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** `total` null: the job cannot count its work ahead (a search of unknown length). */
const jobProgress = z.object({
  phase: z.enum(['queued', 'reading', 'moving', 'waiting', 'done']),
  done: z.number().int().min(0),
  total: z.number().int().min(0).nullable(),
  /** While `waiting`: when Jira's rate limit lets the job go on (ISO). */
  until: z.string().nullable(),
  /**
   * A transfer's tickets moved so far, by key, kept across its slices so the last one reports the
   * whole hand-over. Keys only: a 10,000-item record's owner may have thousands, and this value stays small.
   */
  movedKeys: z.array(z.string()).optional(),
});
export type JobProgress = z.infer<typeof jobProgress>;

const jobSchema = z.object({
  id: z.string(),
  kind: z.enum(JOB_KINDS),
  projectKey: z.string(),
  /** Who asked: the history entry a job writes names them. */
  by: z.string(),
  /** The owner transfer's `from` and `to`; empty for reads. */
  input: z.record(z.string(), z.string()),
  state: z.enum(['queued', 'running', 'done', 'failed']),
  progress: jobProgress,
  /** Why it failed, as a sentence a person can act on. */
  error: z.string().nullable(),
  /** Pages of the result, once done. */
  pages: z.number().int().min(0),
  slices: z.number().int().min(0),
  startedAt: z.string(),
  updatedAt: z.string(),
});
export type Job = z.infer<typeof jobSchema>;

/**
 * Characters of result per page: JSON escapes a character to at most 6 bytes (`\u0000`), so a
 * page is under 180 KB however the text is made up — inside KVS's 240 KiB and light to answer.
 */
const PAGE_CHARS = 30_000;
const TTL = { ttl: { value: 1, unit: 'DAYS' } } as const;

export function createJobStore(kvs: KvsPort) {
  const jobKey = (projectKey: string, id: string) => `job:${projectKey}:${id}`;
  const pageKey = (projectKey: string, id: string, n: number) => `job-page:${projectKey}:${id}:${n}`;
  return {
    async load(projectKey: string, id: string): Promise<Job | null> {
      const parsed = jobSchema.safeParse(await kvs.get(jobKey(projectKey, id)));
      return parsed.success ? parsed.data : null;
    },

    async save(job: Job): Promise<void> {
      await kvs.set(jobKey(job.projectKey, job.id), job, TTL);
    },

    /** Writes the result's pages, then the job as done with their count: a done job's pages are all there. */
    async finish(job: Job, result: unknown): Promise<Job> {
      const text = JSON.stringify(result);
      const pages = Math.max(1, Math.ceil(text.length / PAGE_CHARS));
      for (let n = 0; n < pages; n += 1)
        await kvs.set(pageKey(job.projectKey, job.id, n), text.slice(n * PAGE_CHARS, (n + 1) * PAGE_CHARS), TTL);
      const done: Job = { ...job, state: 'done', pages, error: null };
      await kvs.set(jobKey(job.projectKey, job.id), done, TTL);
      return done;
    },

    async page(job: Job, n: number): Promise<string | null> {
      const text = await kvs.get(pageKey(job.projectKey, job.id, n));
      return typeof text === 'string' ? text : null;
    },
  };
}
