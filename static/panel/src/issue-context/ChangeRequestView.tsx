import { useRef, useState } from 'react';
import type { IssueContextView } from '../../../../src/forge/resolvers/issue-context';
import type { ResolverError } from '../../../../src/forge/errors';
import * as api from '../api';
import { ChangeSetView } from '../changes/ChangeSetView';
import { DecisionForm } from '../changes/DecisionForm';
import { useDates } from '../ui/dates';
import { rescueFocus } from '../ui/focus-rescue';
import { ErrorMessage, Message } from '../ui/Message';
import { RecordLine } from './RecordLine';

type ChangeView = Extract<IssueContextView, { kind: 'change' }>;

const DECIDED = {
  proposed: 'is waiting for its approval owner.',
  approved: 'is approved; Handoff is applying it.',
  applied: 'is approved and applied: the record and its issues say what it proposed.',
  rejected: 'was rejected: nothing of it was applied.',
} as const;

/**
 * A change request seen on its own issue: what it changes, and Approve / Reject for the approval
 * owner — the project page's resolvers and identity rule, so the decision is the same wherever it is made.
 */
export function ChangeRequestView({ view, onDecided }: { view: ChangeView; onDecided: () => Promise<void> }) {
  const dates = useDates();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ResolverError | null>(null);
  const [decided, setDecided] = useState<string | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const { review } = view;
  const pending = review.status === 'proposed';

  const decide = async (call: () => ReturnType<typeof api.approveChange>, said: string) => {
    setBusy(true);
    setFailure(null);
    const result = await call();
    setBusy(false);
    if (!result.ok) {
      setFailure(result.error);
      return false;
    }
    setDecided(said);
    await onDecided();
    // The buttons are gone once the request is decided: focus goes to what happened, not to <body>.
    requestAnimationFrame(() => rescueFocus(outcomeRef.current));
    return true;
  };

  return (
    <>
      <header className="trace-header">
        <h2 className="trace-title">Change request {review.key}</h2>
        <p className="subtle">
          Proposed by {review.proposedBy.name} on {dates.moment(review.proposedAt)}; the approval owner is{' '}
          {review.approvalOwner.name ?? review.approvalOwner.email}.
        </p>
      </header>
      <div ref={outcomeRef} tabIndex={-1} className="trace-outcome">
        {decided && <Message kind="success" title={decided} />}
        {failure && <ErrorMessage title={`${review.key} could not be decided`} error={failure} />}
      </div>
      <ChangeSetView change={review.change} />
      {pending ? (
        <DecisionForm
          changeKey={review.key}
          busy={busy}
          refusal={review.refusal}
          onApprove={() =>
            void decide(
              () => api.approveChange({ key: review.key }),
              `${review.key} is approved: Handoff applies it now.`,
            )
          }
          onReject={(reason) =>
            decide(() => api.rejectChange({ key: review.key, reason }), `${review.key} is rejected.`)
          }
        />
      ) : (
        <p className="subtle">
          {review.key} {DECIDED[review.status]}
        </p>
      )}
      {view.record && <RecordLine record={view.record} />}
    </>
  );
}
