import { useEffect, useRef, useState } from 'react';
import type { ResolverError, ResolverResult } from '../../../../src/forge/errors';
import type { ProposeView } from '../../../../src/forge/resolvers/change-resolvers';
import * as api from '../api';
import { useResolver } from '../use-resolver';

export type Proposal = Exclude<ProposeView, { kind: 'unchanged' }>;
export type Failure = { title: string; error: ResolverError };

const POLL_MS = 800;
/**
 * Applying runs in the queue and may wait a minute for a held lock, several
 * times: after this many polls the panel stops watching and says so.
 */
const MAX_POLLS = 150;

/**
 * Change control of a provisioned record: propose the draft, approve or reject a pending
 * change, and after an approval watch `changeHistory` until the queue has applied it — then
 * `onApplied` reloads the record, which is now the proposed one. The history and the two-way
 * coverage follow every saved version.
 */
export function useChanges(version: string | null, enabled: boolean, onApplied: () => Promise<void>) {
  const history = useResolver(api.changeHistory, version, enabled);
  const coverage = useResolver(api.coverage, version, enabled);
  const [proposal, setProposal] = useState<Proposal | null>(null);
  const [unchanged, setUnchanged] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [applying, setApplying] = useState<string | null>(null);
  // A page left while a change applies stops watching it.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const [gaveUp, setGaveUp] = useState<string | null>(null);

  /** Runs one resolver call; its failure is shown under `title`, never dropped. */
  const act = async <T>(title: string, call: () => Promise<ResolverResult<T>>): Promise<T | null> => {
    setBusy(true);
    setFailure(null);
    const result = await call();
    setBusy(false);
    if (!result.ok) {
      setFailure({ title, error: result.error });
      return null;
    }
    return result.value;
  };

  const propose = async (text: string): Promise<boolean> => {
    const value = await act('The change was not proposed', () => api.proposeChange({ text }));
    if (!value) return false;
    setUnchanged(value.kind === 'unchanged');
    if (value.kind !== 'unchanged') setProposal(value);
    await history.refresh();
    return true;
  };

  const approve = async (key: string) => {
    const value = await act(`${key} was not approved`, () => api.approveChange({ key }));
    if (!value) return;
    setGaveUp(null);
    setApplying(key);
    await history.refresh();
    await watchApply(key);
  };

  /** Polls `changeHistory` until the queue has applied `key`; a failed read is shown and ends the watch. */
  const watchApply = async (key: string) => {
    for (let poll = 0; poll < MAX_POLLS && mounted.current; poll += 1) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      const result = await api.changeHistory();
      if (!result.ok) {
        setFailure({ title: `Whether ${key} is applied could not be read`, error: result.error });
        setApplying(null);
        return;
      }
      if (result.value.changes.find((c) => c.key === key)?.status === 'applied') {
        setApplying(null);
        await onApplied();
        return;
      }
    }
    setApplying(null);
    if (mounted.current) setGaveUp(key);
  };

  const reject = async (key: string, reason: string): Promise<boolean> => {
    const value = await act(`${key} was not rejected`, () => api.rejectChange({ key, reason }));
    if (value) await history.refresh();
    return value !== null;
  };

  return { history, coverage, proposal, unchanged, busy, failure, applying, gaveUp, propose, approve, reject };
}

export type ChangesModel = ReturnType<typeof useChanges>;
