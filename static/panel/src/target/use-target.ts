import { useCallback, useState } from 'react';
import type { ResolverError } from '../../../../src/forge/errors';
import type { TargetPayload, TargetView } from '../../../../src/forge/resolvers/target-resolvers';
import type { AsanaWorkspace } from '../../../../src/forge/resolvers/target-resolvers';
import * as api from '../api';
import { useResolver } from '../use-resolver';

export type TargetModel = ReturnType<typeof useTarget>;

/**
 * Where the record goes and the caller's Asana connection: read once, again after each change
 * of either; the caller's workspaces and teams are read when they choose Asana.
 */
export function useTarget(version: string | null) {
  const view = useResolver(api.provisionTarget, version);
  const [workspaces, setWorkspaces] = useState<AsanaWorkspace[] | null>(null);
  const [error, setError] = useState<ResolverError | null>(null);
  const [busy, setBusy] = useState(false);

  const act = useCallback(
    async <T>(call: () => Promise<{ ok: true; value: T } | { ok: false; error: ResolverError }>) => {
      setBusy(true);
      setError(null);
      const result = await call();
      setBusy(false);
      if (!result.ok) {
        setError(result.error);
        return null;
      }
      return result.value;
    },
    [],
  );

  // Stable, as the card reads the workspaces from an effect: once when Asana is chosen and connected.
  const loadWorkspaces = useCallback(async () => {
    const found = await api.asanaWorkspaces();
    if (found.ok) setWorkspaces(found.value);
    else setError(found.error);
  }, []);

  return {
    view: view.value,
    loadError: view.error,
    error,
    busy,
    workspaces,
    loadWorkspaces,
    async connect() {
      if ((await act(api.connectAsana)) !== null) await view.refresh();
    },
    async choose(target: TargetPayload['target']): Promise<TargetView | null> {
      const chosen = await act(() => api.setProvisionTarget({ target }));
      if (chosen) await view.refresh();
      return chosen;
    },
  };
}
