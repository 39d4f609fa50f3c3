import { notAppliedComment } from './comments';
import { createSender, type RetryPolicy } from '../../provision/retry';
import type { ChangeTracker } from '../../provision/change-tracker';

/**
 * Someone moved an item to a status that may mean "approved": which
 * item, to what, by whom (null when the tracker does not say).
 */
export type StatusMove = { key: string; status: string; by: string | null };

/**
 * - `not-a-change-request`: the item is ordinary work; the move is none of change control's business.
 * - `settled`: a change request already decided, or not approved as the tracker sees it: nothing to do.
 * - `refused`: approved by someone other than the approval owner; the request was told so, nothing applies.
 * - `approved`: the approval owner approved it (`at`, when the tracker says): the change may be applied.
 */
export type MoveVerdict =
  | { kind: 'not-a-change-request' }
  | { kind: 'settled' }
  | { kind: 'refused'; approver: string | null }
  | { kind: 'approved'; approver: string; at: string | null };

/**
 * A change request moved in the tracker itself (not through `approveChange`): only the approval
 * owner's move counts as an approval. Someone else's is answered on the request, so whoever
 * moved it sees why nothing happens. One read, and one comment when refused.
 */
export async function judgeStatusMove(
  tracker: ChangeTracker,
  move: StatusMove,
  options: { policy: RetryPolicy },
): Promise<MoveVerdict> {
  const send = createSender(options.policy);
  const request = await send(() => tracker.readChangeRequest(move.key), 'read');
  if (!request) return { kind: 'not-a-change-request' };
  if (request.state.outcome || !request.approval.approved) return { kind: 'settled' };
  const owner = request.state.approvalOwner;
  const approver = move.by ?? request.approval.by?.account ?? null;
  if (approver !== owner.account) {
    await send(() => tracker.comment(move.key, notAppliedComment(owner.email, move.status)), 'create');
    return { kind: 'refused', approver };
  }
  return { kind: 'approved', approver, at: request.approval.at };
}
