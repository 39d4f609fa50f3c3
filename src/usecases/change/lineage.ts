import type { ChangeSet } from '../../domain/change/change-set';
import { itemIdOf } from '../../domain/plan/plan-items';
import type { ChangeTicket } from '../../provision/change-types';
import type { ExistingItem } from '../../provision/tracker';

/**
 * Which record the tickets stand for now: the one the last applied change proposed, or —
 * before any change — the one they were provisioned from (the parent ticket carries its plan
 * hash). A change proposed against anything else would undo what happened since, so it is
 * refused with the reason; null when the change starts from the current record.
 */
export function staleBase(
  change: ChangeSet,
  found: ReadonlyMap<string, ExistingItem>,
  tickets: readonly ChangeTicket[],
): string | null {
  const applied = tickets
    .filter((t) => t.state.outcome?.kind === 'applied' && t.state.changeId !== change.id)
    .sort((a, b) => (a.state.outcome?.at ?? '').localeCompare(b.state.outcome?.at ?? ''));
  const last = applied.at(-1);
  if (last) {
    return last.state.proposedRecordHash === change.baseRecordHash
      ? null
      : `this change starts from another version of the record than the one ${last.key} ` +
          `left when it was applied; propose it again from the record as ${last.key} made it`;
  }
  const parent = found.get(itemIdOf(change.recordId, 'parent', change.recordId));
  if (!parent)
    return (
      `${change.recordId} has not been provisioned here (no parent ticket): ` +
      `provision it first, then propose changes`
    );
  return parent.planHash === change.basePlanHash
    ? null
    : `the old record is not the one ${parent.key} was provisioned from (plan ${parent.planHash.slice(0, 12)}, ` +
        `old record's plan ${change.basePlanHash.slice(0, 12)}): pass the record as it was provisioned`;
}

/** A change request's status, from its outcome (ours) and its approval (the tracker's). */
export function statusOf(ticket: ChangeTicket): 'proposed' | 'approved' | 'applied' | 'rejected' {
  return ticket.state.outcome?.kind ?? (ticket.approval.approved ? 'approved' : 'proposed');
}
