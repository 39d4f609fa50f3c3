import type { ChangeRequest, ChangeState, ChangeTicket } from '../../provision/change-types';
import type { ChangeTracker } from '../../provision/change-tracker';
import { createSender, type RetryPolicy } from '../../provision/retry';
import { checkSeal, sealOf, type ChangeSeals } from './seal';

type Proposal = { state: ChangeState; payload: readonly string[] };

/**
 * The key of the open change request of the same change, if there is one to stand by instead
 * of opening a twin: one that is sealed, or one never sealed (the create's answer, or the
 * seal's write, was lost) that is not approved yet, was proposed by the same person and holds
 * exactly what this proposal would write — sealed now. One edited since it was proposed is
 * left alone (approve and apply refuse it): the proposal opens a new one. A read per candidate.
 */
export async function openTwin(
  tracker: ChangeTracker,
  tickets: readonly ChangeTicket[],
  proposal: Proposal,
  options: { policy: RetryPolicy; seals: ChangeSeals },
): Promise<string | null> {
  const send = createSender(options.policy);
  for (const ticket of tickets) {
    if (ticket.state.changeId !== proposal.state.changeId || ticket.state.outcome !== null) continue;
    const request = await send(() => tracker.readChangeRequest(ticket.key), 'read');
    if (!request) continue;
    const seal = await checkSeal(options.seals, request);
    if (seal === 'sealed') return request.key;
    if (seal === 'missing' && !request.approval.approved && sameProposal(request, proposal)) {
      const signed = await sealOf(options.seals, request.key, request.state, request.payload);
      if (signed) await send(() => tracker.saveChangeState(request.key, signed), 'idempotent-write');
      return request.key;
    }
  }
  return null;
}

/** Everything a seal binds is what this proposal would write, but the time it was proposed. */
function sameProposal(request: ChangeRequest, proposal: Proposal): boolean {
  const [got, want] = [request.state, proposal.state];
  return (
    got.recordId === want.recordId &&
    got.baseRecordHash === want.baseRecordHash &&
    got.proposedRecordHash === want.proposedRecordHash &&
    got.approvalOwner.email === want.approvalOwner.email &&
    got.approvalOwner.account === want.approvalOwner.account &&
    got.proposedBy.account === want.proposedBy.account &&
    got.payloadParts === want.payloadParts &&
    request.payload.length === proposal.payload.length &&
    request.payload.every((part, i) => part === proposal.payload[i])
  );
}
