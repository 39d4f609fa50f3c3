import type { ChangeSet } from '../../domain/change/change-set';
import type { Account, Refusal } from '../../provision/change-types';
import type { ChangeTracker } from '../../provision/change-tracker';
import { deciderRefusal } from './decide';
import { statusOf } from './lineage';
import { decodePayload } from './payload';
import type { ChangeOptions } from './propose';
import { readSealedRequest } from './read-sealed';

/**
 * A change request as its approver reviews it, read from the tracker (so it is the same after
 * any reload, in any session): what it changes, who proposed it, who must decide, and whether
 * the person signed in may (`refusal` says why not).
 */
export type ChangeReview = {
  key: string;
  url: string;
  status: ReturnType<typeof statusOf>;
  change: ChangeSet;
  proposedBy: Account;
  proposedAt: string;
  approvalOwner: { email: string; name: string | null };
  refusal: string | null;
};

/**
 * Reads `key` with its payload and shows it only when its seal holds: a diff edited on the
 * ticket after it was proposed is not what the approver would approve. `nameOf` names the
 * approval owner for someone else reading it.
 */
export async function reviewChange(
  tracker: ChangeTracker,
  key: string,
  options: Pick<ChangeOptions, 'policy' | 'seals'>,
  nameOf: (account: string) => Promise<string | null>,
): Promise<{ kind: 'review'; review: ChangeReview; calls: number } | Refusal> {
  const read = await readSealedRequest(tracker, key, options, 'shown');
  if (read.kind === 'refused') return read;
  const { request, send, calls } = read;
  const payload = decodePayload(request.payload);
  if (!payload)
    return {
      kind: 'refused',
      why: 'conflict',
      reason: `the change stored with ${key} cannot be read back; propose the change again`,
      calls: calls(),
    };
  const me = await send(() => tracker.currentAccount(), 'read');
  const owner = request.state.approvalOwner;
  const name = owner.account === me.account ? me.name : await send(() => nameOf(owner.account), 'read');
  const refusal = deciderRefusal(request, me, tracker.name, name);
  const review: ChangeReview = {
    key,
    url: tracker.itemUrl(key),
    status: statusOf(request),
    change: payload.change,
    proposedBy: request.state.proposedBy,
    proposedAt: request.state.proposedAt,
    approvalOwner: { email: owner.email, name },
    refusal: refusal && `${refusal.charAt(0).toUpperCase()}${refusal.slice(1)}.`,
  };
  return { kind: 'review', review, calls: calls() };
}
