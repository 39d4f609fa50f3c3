import { rejectedComment } from './comments';
import type { ChangeOptions } from './propose';
import type { Account, ChangeRequest, Refusal } from '../../provision/change-types';
import { createSender } from '../../provision/retry';
import type { ChangeTracker } from '../../provision/change-tracker';
import { readSealedRequest } from './read-sealed';
import { sealOf } from './seal';
import { trackerName } from '../../domain/words';

export type DecisionResult = { kind: 'approved' | 'rejected'; key: string; by: Account; calls: number } | Refusal;

/**
 * Why an approved change request may not be applied, or null when it may: it was rejected, or
 * someone other than the approval owner approved it (Jira's changelog and Asana's
 * `completed_by` say who).
 */
export function checkApproval(request: ChangeRequest): Pick<Refusal, 'why' | 'reason'> | null {
  const { state, approval, key } = request;
  const owner = state.approvalOwner;
  if (state.outcome?.kind === 'rejected')
    return {
      why: 'conflict',
      reason:
        `${key} was rejected by ${state.outcome.by.name} on ` +
        `${state.outcome.at.slice(0, 10)}: ${state.outcome.reason ?? 'no reason given'}`,
    };
  if (approval.approved && approval.by?.account !== owner.account) {
    return {
      why: 'forbidden',
      reason:
        `${key} was approved by ${approval.by?.name ?? 'someone the tracker does not name'}, ` +
        `but only ${owner.email} (the approval owner) may approve it; nothing was applied — ` +
        `move it back and ask ${owner.email}`,
    };
  }
  return null;
}

/**
 * Approves as whoever the tracker acts as — who must be the approval owner. Approving twice is
 * harmless; approving one someone else had moved to Done makes the approval the owner's.
 */
export async function approveChange(
  tracker: ChangeTracker,
  key: string,
  options: ChangeOptions,
): Promise<DecisionResult> {
  return decide(tracker, key, options, async (request, me) => {
    if (request.approval.by?.account !== me.account) {
      const blocked = await createSender(options.policy)(() => tracker.approveChangeRequest(key), 'idempotent-write');
      if (blocked) return { kind: 'refused', why: 'conflict', reason: blocked };
    }
    return { kind: 'approved', key, by: me };
  });
}

/**
 * Rejects, with the reason kept on the change request (and in its seal) and said in a comment;
 * nothing is applied.
 */
export async function rejectChange(
  tracker: ChangeTracker,
  key: string,
  reason: string,
  options: ChangeOptions,
): Promise<DecisionResult> {
  const send = createSender(options.policy);
  return decide(tracker, key, options, async (request, me) => {
    const rejected = { ...request.state, outcome: { kind: 'rejected' as const, by: me, at: options.now(), reason } };
    // Sealed again, rejected: a rejection taken off the ticket no longer matches its seal.
    const signed = await sealOf(options.seals, key, rejected, request.payload);
    await send(() => tracker.saveChangeState(key, signed ?? rejected), 'idempotent-write');
    await send(() => tracker.comment(key, rejectedComment(me.name, reason)), 'create');
    return { kind: 'rejected', key, by: me };
  });
}

/**
 * What approving and rejecting share: the request holds what was sealed when it was proposed,
 * it is open, and the one deciding is its approval owner.
 */
async function decide(
  tracker: ChangeTracker,
  key: string,
  options: ChangeOptions,
  act: (
    request: ChangeRequest,
    me: Account,
  ) => Promise<Omit<Extract<DecisionResult, { by: Account }>, 'calls'> | Omit<Refusal, 'calls'>>,
): Promise<DecisionResult> {
  // The approval owner is taken from the state only once the seal says nobody rewrote it.
  const read = await readSealedRequest(tracker, key, options, 'decided');
  if (read.kind === 'refused') return read;
  const { request, send, calls } = read;
  const { outcome } = request.state;
  if (outcome)
    return {
      kind: 'refused',
      why: 'conflict',
      reason: `${key} was already ${outcome.kind} by ${outcome.by.name} on ${outcome.at.slice(0, 10)}`,
      calls: calls(),
    };
  const me = await send(() => tracker.currentAccount(), 'read');
  const notOwner = deciderRefusal(request, me, tracker.name);
  if (notOwner) return { kind: 'refused', why: 'forbidden', reason: notOwner, calls: calls() };
  return { ...(await act(request, me)), calls: calls() };
}

/**
 * Why `me` may not approve or reject the change request, or null when they may: only its
 * approval owner may, compared by account. `ownerName` names them when it is known.
 */
export function deciderRefusal(
  request: Pick<ChangeRequest, 'key' | 'state'>,
  me: Account,
  tracker: string,
  ownerName: string | null = null,
): string | null {
  const owner = request.state.approvalOwner;
  if (me.account === owner.account) return null;
  return (
    `only ${ownerName ?? owner.email} (the approval owner) may decide on ${request.key}; ` +
    `${trackerName(tracker)} knows you as ${me.name}`
  );
}
