import { useEffect, useRef, useState } from 'react';
import type { ResolverError } from '../../../../src/forge/errors';
import * as api from '../api';
import { backoff, pause } from '../poll';
import { useResolver } from '../use-resolver';

/**
 * The project's provisioning: `provision` starts a run (small plans finish inside the call,
 * larger ones go to the queue), and `provisioningStatus` is polled while one is under way, backing
 * off while its progress stands still (poll.ts) — the journal has the progress and, at the end,
 * every item's outcome, whichever way it ran.
 */
export function useProvisioning(version: string | null) {
  const status = useResolver(api.provisioningStatus, version);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<ResolverError | null>(null);
  const { value, refresh } = status;
  const underWay = starting || (value?.run?.state === 'running' && !value.stalled);

  const next = useRef(backoff());
  useEffect(() => {
    if (!underWay) return;
    let left = false;
    const run = value?.run;
    const shown = JSON.stringify([run?.state, run?.progress, run?.waitingUntil, starting]);
    void pause(next.current(shown)).then(async () => {
      if (!left) await refresh();
    });
    return () => {
      left = true;
    };
  }, [underWay, value, refresh, starting]);

  const start = async () => {
    setStarting(true);
    setError(null);
    const result = await api.provision();
    setStarting(false);
    if (!result.ok) setError(result.error);
    await refresh();
  };

  return { status: value, statusError: status.error, starting, underWay, error, start };
}

export type ProvisioningModel = ReturnType<typeof useProvisioning>;
