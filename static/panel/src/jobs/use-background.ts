import { useCallback, useState } from 'react';
import type { ResolverResult } from '../../../../src/forge/errors';
import type { Background } from '../../../../src/forge/queue/jobs';
import type { JobView } from '../../../../src/forge/resolvers/job-resolver';
import { useLatestAnswer, type Loaded } from '../use-resolver';
import { settle } from './job-client';

/**
 * `useResolver` for answers that may come from the background (coverage and change history of
 * a large record): the same `Loaded`, plus the job's progress while it runs. A newer call, or
 * leaving the page, stops watching an older job.
 */
export function useBackground<T>(
  call: () => Promise<ResolverResult<Background<T>>>,
  version: string | null,
  enabled = true,
): Loaded<T> & { job: JobView | null } {
  const [job, setJob] = useState<JobView | null>(null);
  const fetch = useCallback(
    async (current: () => boolean) => {
      const result = await settle(await call(), (view) => current() && setJob(view), current);
      if (current()) setJob(null);
      return result;
    },
    [call],
  );
  const loaded = useLatestAnswer(fetch, version, enabled);
  return { ...loaded, job: enabled ? job : null };
}
