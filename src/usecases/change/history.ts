import { statusOf } from './lineage';
import type { ChangeTicket } from '../../provision/change-types';
import { knownChanges, type LedgerFor } from '../../provision/ledger';
import { createSender, type RetryPolicy } from '../../provision/retry';
import type { ChangeTracker } from '../../provision/change-tracker';

export type ChangeAction = 'proposed' | 'approved' | 'rejected' | 'applied';
export type ChangeEvent = {
  at: string;
  by: string;
  action: ChangeAction;
  key: string;
  url: string;
  summary: string;
  reason: string | null;
};
export type ChangeSummary = {
  key: string;
  url: string;
  summary: string;
  status: ReturnType<typeof statusOf>;
  approvalOwner: string;
};
export type ChangeHistory = { recordId: string; changes: ChangeSummary[]; events: ChangeEvent[]; calls: number };

/**
 * Every proposal, approval, rejection and application of a record's changes, with who and
 * when, read from the tracker: the change requests are the history, so the CLI needs no
 * state of its own and shows what anyone sees in Jira or Asana.
 */
export async function changeHistory(
  tracker: ChangeTracker,
  recordId: string,
  options: { policy: RetryPolicy; ledger?: LedgerFor },
): Promise<ChangeHistory> {
  const start = tracker.requests();
  const known = await knownChanges(options.ledger, recordId);
  const tickets = await createSender(options.policy)(() => tracker.findChangeRequests(recordId, known), 'read');
  const changes = tickets.map((t) => ({
    key: t.key,
    url: tracker.itemUrl(t.key),
    summary: t.summary,
    status: statusOf(t),
    approvalOwner: t.state.approvalOwner.email,
  }));
  const events = tickets.flatMap((t) => eventsOf(t, tracker.itemUrl(t.key))).sort((a, b) => a.at.localeCompare(b.at));
  return { recordId, changes, events, calls: tracker.requests() - start };
}

function eventsOf(t: ChangeTicket, url: string): ChangeEvent[] {
  const event = (action: ChangeAction, at: string, by: string, reason: string | null = null): ChangeEvent => ({
    at,
    by,
    action,
    key: t.key,
    url,
    summary: t.summary,
    reason,
  });
  const { state, approval } = t;
  return [
    event('proposed', state.proposedAt, state.proposedBy.name),
    ...(approval.approved ? [event('approved', approval.at ?? state.proposedAt, approval.by?.name ?? 'unknown')] : []),
    ...(state.outcome
      ? [event(state.outcome.kind, state.outcome.at, state.outcome.by.name, state.outcome.reason)]
      : []),
  ];
}
