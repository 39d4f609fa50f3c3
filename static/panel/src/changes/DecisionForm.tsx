import { Button } from '../ui/Button';
import { useId, useState } from 'react';

type Props = {
  changeKey: string;
  busy: boolean;
  /** Why the person signed in may not decide (only the approval owner may); null when they may. */
  refusal: string | null;
  onApprove(): void;
  onReject(reason: string): Promise<boolean>;
};

/**
 * The approval owner's decision on a pending change: approve, or reject with a reason the
 * proposer will read. Anyone else sees both disabled, and why.
 */
export function DecisionForm({ changeKey, busy, refusal, onApprove, onReject }: Props) {
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const reasonId = useId();
  const whyNotId = useId();
  const notYours = refusal !== null;

  const reject = async () => {
    if (await onReject(reason)) {
      setRejecting(false);
      setReason('');
    }
  };

  return (
    <div className="decision">
      <div className="decision-actions">
        <Button
          appearance="primary"
          disabled={busy || notYours}
          onClick={onApprove}
          {...(notYours ? { 'aria-describedby': whyNotId } : {})}
        >
          Approve {changeKey}
        </Button>
        {!rejecting && (
          <Button
            disabled={busy || notYours}
            onClick={() => setRejecting(true)}
            {...(notYours ? { 'aria-describedby': whyNotId } : {})}
          >
            Reject {changeKey}…
          </Button>
        )}
      </div>
      {notYours && (
        <p id={whyNotId} className="field-hint">
          {refusal}
        </p>
      )}
      {rejecting && (
        <form
          className="reject-form"
          onSubmit={(event) => {
            event.preventDefault();
            void reject();
          }}
        >
          <div className="field">
            <label htmlFor={reasonId}>Why is {changeKey} rejected?</label>
            {/* Focused on opening: the reason is what the lead came to type. */}
            <textarea id={reasonId} rows={3} autoFocus value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <div className="decision-actions">
            <Button type="submit" appearance="danger" disabled={busy || reason.trim() === ''}>
              Reject
            </Button>
            <Button appearance="subtle" onClick={() => setRejecting(false)}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
