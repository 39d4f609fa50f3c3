import { useCallback } from 'react';
import type { ChangeSummary } from '../../../../src/usecases/change/history';
import * as api from '../api';
import { useDates } from '../ui/dates';
import { ErrorMessage } from '../ui/Message';
import { useResolver } from '../use-resolver';
import { ChangeSetView } from './ChangeSetView';
import { DecisionForm } from './DecisionForm';
import type { ChangesModel } from './use-changes';

/**
 * A change request waiting for its approval owner, as the approver reviews it: its diff read
 * back from the tracker (the same after any reload, in anyone's session), who proposed it when, and
 * Approve / Reject — offered to the approval owner only, with why to anyone else.
 */
export function PendingChange({
  request,
  changes,
  tracker,
}: {
  request: ChangeSummary;
  changes: ChangesModel;
  /** Jira or Asana, as people name it. */
  tracker: string;
}) {
  const dates = useDates();
  const read = useCallback(() => api.reviewChange({ key: request.key }), [request.key]);
  const review = useResolver(read, `${request.key}:${request.status}`);
  if (review.error)
    return (
      <ErrorMessage title={`What ${request.key} changes could not be read from ${tracker}`} error={review.error} />
    );
  if (!review.value) return <p aria-busy="true">Reading what {request.key} changes…</p>;
  const { change, proposedBy, proposedAt, refusal } = review.value;
  return (
    <>
      <p className="subtle">
        Proposed by {proposedBy.name} on {dates.moment(proposedAt)}
      </p>
      <ChangeSetView change={change} />
      <DecisionForm
        changeKey={request.key}
        busy={changes.busy}
        refusal={refusal}
        onApprove={() => void changes.approve(request.key)}
        onReject={(reason) => changes.reject(request.key, reason)}
      />
    </>
  );
}
