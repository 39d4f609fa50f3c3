import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { IssueStatus, IssueStatusesView } from '../../../../src/forge/resolvers/issue-statuses';
import * as api from '../api';
import { pause } from '../poll';
import type { Provisioned } from './provisioned';

/** A plan item's issue as the panel shows it: the key always, the status once Jira's search lists it. */
export type ShownIssue = IssueStatus;
export type IssueStatuses = {
  /** By plan item id. */
  items: ReadonlyMap<string, ShownIssue>;
  /** Jira was asked and answered, at least once since the record was provisioned. */
  checked: boolean;
  refresh(): void;
};

/**
 * How often the statuses are looked at again: soon after anything moved (Jira's search catches
 * up with a run within seconds), then slower each time nothing did, up to once a minute — a
 * status moves in Jira on a person's time, and each look is a resolver call and a search.
 */
export const STATUS_POLL = { soonMs: 2_000, factor: 2, maxMs: 60_000 } as const;

/**
 * Where each provisioned issue stands in Jira, by plan item id: the run's keys at once, then
 * each issue's status from the `issueStatuses` resolver. Looked at again after a run, when the
 * page comes back into view or `watching` changes (the lead opens another tab), and on a
 * modest poll (STATUS_POLL) that waits while the page is hidden.
 */
export function useIssueStatuses(provisioned: Provisioned | null, watching: unknown): IssueStatuses {
  const [answer, setAnswer] = useState<IssueStatusesView | null>(null);
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((t) => t + 1), []);
  const delay = useRef<number>(STATUS_POLL.soonMs);
  const last = useRef('');
  const active = provisioned !== null;
  const runAt = provisioned?.at;

  useEffect(() => {
    if (!active) return;
    let left = false;
    void api.issueStatuses().then((result) => {
      if (left || !result.ok) return;
      const fingerprint = JSON.stringify(result.value.items);
      delay.current =
        fingerprint !== last.current
          ? STATUS_POLL.soonMs
          : Math.min(STATUS_POLL.maxMs, delay.current * STATUS_POLL.factor);
      last.current = fingerprint;
      setAnswer(result.value);
      void pause(delay.current).then(() => {
        if (!left) refresh();
      });
    });
    return () => {
      left = true;
    };
  }, [active, runAt, watching, tick, refresh]);

  useEffect(() => {
    if (!active) return;
    const onVisible = () => {
      if (!document.hidden) refresh();
    };
    window.addEventListener('focus', refresh);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('focus', refresh);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [active, refresh]);

  const keys = provisioned?.keys;
  const recordId = provisioned?.recordId;
  // Another record's answer (the record was replaced meanwhile) is not this one's.
  const current = answer !== null && answer.recordId === recordId;
  const items = useMemo(() => {
    const shown = new Map<string, ShownIssue>();
    for (const [itemId, key] of keys ?? []) shown.set(itemId, { key, status: null });
    if (current) for (const [itemId, issue] of Object.entries(answer.items)) shown.set(itemId, issue);
    return shown;
  }, [keys, current, answer]);
  return { items, checked: current, refresh };
}
