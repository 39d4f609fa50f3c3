import { useCallback, useEffect, useRef, useState } from 'react';
import type { ResolverError, ResolverResult } from '../../../src/forge/errors';

export type Loaded<T> = { value: T | null; error: ResolverError | null; loading: boolean; refresh(): Promise<void> };

type Answer<T> = { value: T | null; error: ResolverError | null; loading: boolean };

/**
 * A resolver's answer, fetched again whenever `version` changes (the gate and the plan
 * follow each save). A slower answer to an older version never overwrites a newer one.
 * `enabled: false` (nothing saved yet) leaves it empty.
 */
export function useResolver<T>(
  call: () => Promise<ResolverResult<T>>,
  version: string | null,
  enabled = true,
): Loaded<T> {
  const fetch = useCallback(() => call(), [call]);
  return useLatestAnswer(fetch, version, enabled);
}

/**
 * What `useResolver` and `useBackground` share: `fetch` is told whether its call is still the
 * latest (a newer call or leaving the page makes it stale) and answers null once it stopped.
 */
export function useLatestAnswer<T>(
  fetch: (current: () => boolean) => Promise<ResolverResult<T> | null>,
  version: string | null,
  enabled: boolean,
): Loaded<T> {
  const [answer, setAnswer] = useState<Answer<T>>({ value: null, error: null, loading: true });
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
    const result = await fetch(current);
    if (!result || !current()) return;
    setAnswer(
      result.ok
        ? { value: result.value, error: null, loading: false }
        : { value: null, error: result.error, loading: false },
    );
  }, [fetch]);

  const refresh = useCallback(async () => {
    setAnswer((a) => ({ ...a, loading: true }));
    await fetchAnswer();
  }, [fetchAnswer]);

  useEffect(() => {
    if (enabled) void fetchAnswer();
  }, [fetchAnswer, version, enabled]);

  return enabled ? { ...answer, refresh } : { value: null, error: null, loading: false, refresh };
}
