import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { itemIdOf } from '../../../../src/domain/plan/plan-items';
import { fieldId, type Segment } from '../field-path';
import type { ShownIssue } from '../provision/use-issue-statuses';
import { Button } from '../ui/Button';
import { Dialog } from '../ui/Dialog';
import { trackedKind, type DescopeReasons } from './descope-reasons';
import { withoutItem } from './yaml-doc';

/** A Remove button's click: which item of which list, and how to take it out of the draft. */
export type RemovalRequest = {
  listKey: string;
  noun: string;
  title: string;
  /** The item's id in the record ('' for lists without ids). */
  id: string;
  /** The item's path in the record, and its list's field path (where focus goes once the notice is gone). */
  path: readonly Segment[];
  listPath: string;
  /** Takes the item out of the draft. */
  remove(): void;
};

const UNDO_ID = 'removal-undo';
const RemovalContext = createContext<(request: RemovalRequest) => void>((request) => request.remove());

/** What a list's Remove button calls: outside a RemovalProvider it simply removes. */
export function useRemoval(): (request: RemovalRequest) => void {
  return useContext(RemovalContext);
}

type Props = {
  /** The saved record's id: its items' issues are named by it. */
  recordId: string | null;
  /** Once provisioned, each item's issue by item id; null before. */
  issues: ReadonlyMap<string, ShownIssue> | null;
  reasons: DescopeReasons;
  /** The draft's text, and how to put back an earlier one (Undo). */
  text: string;
  restore(text: string): void;
  children: ReactNode;
};

type Asking = { request: RemovalRequest; itemId: string; key: string };
/** `before` and `after`: the draft's text either side of the removal; the notice holds while the draft is `after`. */
type Notice = {
  what: string;
  before: string;
  after: string;
  itemId: string | null;
  listPath: string;
  reason: string | null;
};

/**
 * Nothing lost by a click: removing an item that became an issue asks why first (the reason
 * the change request carries to the approval owner, and the descoped issue's note), and every
 * removal says what went, with Undo until the next edit.
 */
export function RemovalProvider({ recordId, issues, reasons, text, restore, children }: Props) {
  const [asking, setAsking] = useState<Asking | null>(null);
  const [reason, setReason] = useState('');
  const [notice, setNotice] = useState<Notice | null>(null);
  // Undo puts back the text before the removal, so any later edit (which it would lose) ends the notice.
  const shown = notice && text === notice.after ? notice : null;
  useEffect(() => {
    // The removed card's place (and its Remove button) now holds the next item: a second Enter there
    // would remove that one too. Undo is where the lead is most likely to go next.
    if (notice) document.getElementById(UNDO_ID)?.focus();
  }, [notice]);

  const removeNow = (request: RemovalRequest, itemId: string | null, why: string | null) => {
    const what = `${request.noun} “${request.title}”`;
    const after = withoutItem(text, request.path);
    request.remove();
    setNotice({ what, before: text, after, itemId, listPath: request.listPath, reason: why });
  };

  const ask = (request: RemovalRequest) => {
    const kind = trackedKind(request.listKey);
    const itemId = kind && recordId && request.id ? itemIdOf(recordId, kind, request.id) : null;
    const issue = itemId ? issues?.get(itemId) : undefined;
    if (!itemId || !issue) return removeNow(request, null, null);
    setReason(reasons.reasons[itemId] ?? '');
    setAsking({ request, itemId, key: issue.key });
  };

  const confirm = () => {
    if (!asking || reason.trim() === '') return;
    reasons.give(asking.itemId, reason.trim());
    setAsking(null);
    removeNow(asking.request, asking.itemId, reason.trim());
  };
  const putBack = () => {
    if (!shown) return;
    restore(shown.before);
    if (shown.itemId) reasons.drop(shown.itemId);
    setNotice(null);
    requestAnimationFrame(() => document.getElementById(fieldId(shown.listPath))?.focus());
  };
  const dismiss = () => {
    setNotice(null);
    if (shown) document.getElementById(fieldId(shown.listPath))?.focus();
  };

  return (
    <RemovalContext.Provider value={ask}>
      {children}
      {shown && (
        <div className="removal-notice" role="status" data-testid="removal-notice">
          <p>
            Removed {shown.what}
            {shown.reason && <> · descoped because: {shown.reason}</>}
          </p>
          <Button id={UNDO_ID} onClick={putBack}>
            Undo
          </Button>
          <Button appearance="subtle" aria-label="Dismiss" onClick={dismiss}>
            ×
          </Button>
        </div>
      )}
      <Dialog
        open={asking !== null}
        title={asking ? `Why does ${asking.request.noun} “${asking.request.title}” go?` : ''}
        onClose={() => setAsking(null)}
        footer={
          <>
            <Button appearance="subtle" onClick={() => setAsking(null)}>
              Keep it
            </Button>
            <Button appearance="primary" disabled={reason.trim() === ''} onClick={confirm}>
              Remove and descope
            </Button>
          </>
        }
      >
        <p>
          {asking?.key} stays in Jira, labelled descoped. The change you propose tells the approval owner why, and the
          issue keeps the reason.
        </p>
        <div className="field">
          <label htmlFor="remove-reason">Why it is descoped (required)</label>
          <textarea
            id="remove-reason"
            rows={3}
            maxLength={2000}
            required
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        </div>
      </Dialog>
    </RemovalContext.Provider>
  );
}
