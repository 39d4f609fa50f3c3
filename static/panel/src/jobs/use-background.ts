import { useCallback, useEffect, useRef, useState } from 'react';
import type { ResolverError, ResolverResult } from '../../../../src/forge/errors';
import type { Background } from '../../../../src/forge/queue/jobs';
import type { JobView } from '../../../../src/forge/resolvers/job-resolver';
import type { Loaded } from '../use-resolver';
import { settle } from './job-client';

type Answer<T> = { value: T | null; error: ResolverError | null; loading: boolean };

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
  const [answer, setAnswer] = useState<Answer<T>>({ value: null, error: null, loading: true });
  const [job, setJob] = useState<JobView | null>(null);
  const latest = useRef(0);
  useEffect(
    () => () => {
      latest.current += 1;
    },
    [],
  );

  const fetchAnswer = useCallback(async () => {
    const ticket = (latest.current += 1);
    const current = () => ticket === latest.current;
    const result = await settle(await call(), (view) => current() && setJob(view), current);
    if (!result || !current()) return;
    setJob(null);
    setAnswer(
      result.ok
        ? { value: result.value, error: null, loading: false }
        : { value: null, error: result.error, loading: false },
    );
  }, [call]);

  const refresh = useCallback(async () => {
    setAnswer((a) => ({ ...a, loading: true }));
    await fetchAnswer();
  }, [fetchAnswer]);

  useEffect(() => {
    if (enabled) void fetchAnswer();
  }, [fetchAnswer, version, enabled]);

  return enabled ? { ...answer, job, refresh } : { value: null, error: null, loading: false, job: null, refresh };
}
