import { useEffect, useRef, useState } from 'react';
import type { ResolverError, ResolverResult } from '../../../../src/forge/errors';
import type { ProposeView } from '../../../../src/forge/resolvers/change-resolvers';
import type { JobView } from '../../../../src/forge/resolvers/job-resolver';
import * as api from '../api';
import { settle } from '../jobs/job-client';
import { useBackground } from '../jobs/use-background';
import { pollUntil } from '../poll';

/** A change proposed from this page, and the record text it proposed. */
export type Proposal = Exclude<ProposeView, { kind: 'unchanged' }> & { text: string };
export type Failure = { title: string; error: ResolverError };

/**
 * Applying runs in the queue and may wait a minute for a held lock, five times at most: after
 * this long the panel stops watching and says so.
 */
const WATCH_MS = 8 * 60_000;

/**
 * Change control of a provisioned record: propose the draft, approve or reject a pending
 * change, and after an approval watch `changeHistory` until the queue has applied it — then
 * `onApplied` reloads the record, which is now the proposed one. The history and the two-way
 * coverage follow every saved version.
 */
export function useChanges(version: string | null, enabled: boolean, onApplied: () => Promise<void>) {
  const history = useBackground(api.changeHistory, version, enabled);
  const coverage = useBackground(api.coverage, version, enabled);
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
  /** While watching an apply: a history read that went to the background, with its progress. */
  const [reading, setReading] = useState<JobView | null>(null);

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

  /** `reasons`: why each item taken out of the record goes, by item id (the descoped tickets carry them). */
  const propose = async (text: string, reasons: Record<string, string> = {}): Promise<boolean> => {
    const value = await act('The change was not proposed', () => api.proposeChange({ text, reasons }));
    if (!value) return false;
    setUnchanged(value.kind === 'unchanged');
    if (value.kind !== 'unchanged') setProposal({ ...value, text });
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

  /**
   * Polls `changeHistory` (backing off while nothing moves) until the queue has applied `key`;
   * a failed read is shown and ends the watch.
   */
  const watchApply = async (key: string) => {
    const until = Date.now() + WATCH_MS;
    const active = () => mounted.current && Date.now() < until;
    const onView = (view: JobView) => setReading(view);
    const last = await pollUntil(async () => settle(await api.changeHistory(), onView, active), {
      done: (r) => !r || !r.ok || r.value.changes.find((c) => c.key === key)?.status === 'applied',
      fingerprint: (r) => JSON.stringify(r?.ok ? r.value.events.length : null),
      active,
    });
    setReading(null);
    setApplying(null);
    if (last?.ok) return onApplied();
    if (last) setFailure({ title: `Whether ${key} is applied could not be read`, error: last.error });
    else if (mounted.current) setGaveUp(key);
  };

  const reject = async (key: string, reason: string): Promise<boolean> => {
    const value = await act(`${key} was not rejected`, () => api.rejectChange({ key, reason }));
    if (value) await history.refresh();
    return value !== null;
  };

  return { history, coverage, proposal, unchanged, busy, failure, applying, reading, gaveUp, propose, approve, reject };
}

export type ChangesModel = ReturnType<typeof useChanges>;
