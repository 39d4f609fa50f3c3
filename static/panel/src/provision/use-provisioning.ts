import { useEffect, useState } from 'react';
import type { ResolverError } from '../../../../src/forge/errors';
import * as api from '../api';
import { useResolver } from '../use-resolver';

const POLL_MS = 600;

/**
 * The project's provisioning: `provision` starts a run (small plans finish inside the call,
 * larger ones go to the queue), and `provisioningStatus` is polled while one is under way —
 * the journal has the progress and, at the end, every item's outcome, whichever way it ran.
 */
export function useProvisioning(version: string | null) {
  const status = useResolver(api.provisioningStatus, version);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<ResolverError | null>(null);
  const { value, refresh } = status;
  const underWay = starting || (value?.run?.state === 'running' && !value.stalled);

  useEffect(() => {
    if (!underWay) return;
    const timer = setTimeout(() => void refresh(), POLL_MS);
    return () => clearTimeout(timer);
  }, [underWay, value, refresh]);

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
