import { createHash } from 'node:crypto';
import type { ChangeRequest, ChangeState, Refusal } from '../../provision/change-types';

/**
 * - `sealed`: what the change request carries is what was proposed on it;
 * - `missing`: it was never sealed (the seal's write was lost, or Handoff did not open it);
 * - `broken`: it was edited after it was proposed, or copied from another change request.
 */
export type SealCheck = 'sealed' | 'missing' | 'broken';

/**
 * Where a change request's seal is kept, out of reach of whoever may edit the ticket: its
 * machine state and payload live on the ticket, where anyone who may edit the issue can
 * rewrite them (attack F1), so approve and apply trust them only when they match the seal.
 * The Forge app keeps the digest in its own storage; the CLI signs it with a key only the
 * admin holds, and the signature rides on the ticket beside the state.
 */
export type ChangeSeals = {
  /** Seals `digest` as `key`'s; returns a signature the state must carry on the ticket, or null. */
  keep(key: string, digest: string): Promise<string | null>;
  /** Whether `digest` is what was sealed for `key`; `signature` is what the state carries. */
  check(key: string, digest: string, signature: string | undefined): Promise<SealCheck>;
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * What a seal binds: the ticket key (so a state and payload copied onto another ticket no
 * longer match), the state without its signature, and the payload parts. Of the outcome, only
 * whether it was rejected (reject seals again): taking a rejection off must not make a change
 * the approval owner approved and then rejected appliable; an "applied" outcome is apply's own
 * note, and a forged one only stops an apply, which rerunning would not change anyway.
 */
export function changeDigest(key: string, state: ChangeState, payload: readonly string[]): string {
  const { approvalOwner: owner, proposedBy: by } = state;
  return sha256(
    JSON.stringify([
      key,
      state.recordId,
      state.changeId,
      state.baseRecordHash,
      state.proposedRecordHash,
      [owner.email, owner.account],
      [by.account, by.name],
      state.proposedAt,
      state.payloadParts,
      state.outcome?.kind === 'rejected',
      sha256(JSON.stringify(payload)),
    ]),
  );
}

/**
 * Seals a change request just opened (or whose seal was lost), or just rejected; returns the
 * state with the signature it must carry on the ticket, or null when the seal is kept elsewhere.
 */
export async function sealOf(
  seals: ChangeSeals,
  key: string,
  state: ChangeState,
  payload: readonly string[],
): Promise<ChangeState | null> {
  const signature = await seals.keep(key, changeDigest(key, state, payload));
  return signature === null ? null : { ...state, signature };
}

/** How the change request stands against its seal. */
export function checkSeal(seals: ChangeSeals, request: ChangeRequest): Promise<SealCheck> {
  return seals.check(request.key, changeDigest(request.key, request.state, request.payload), request.state.signature);
}

/**
 * Null when the change request is what was proposed on it; else the refusal, before anything
 * trusts its approval owner or its payload. `done`: what did not happen ("applied", "approved").
 */
export async function sealRefusal(
  seals: ChangeSeals,
  request: ChangeRequest,
  done: string,
): Promise<Pick<Refusal, 'why' | 'reason'> | null> {
  const seal = await checkSeal(seals, request);
  if (seal === 'sealed') return null;
  const { key } = request;
  if (seal === 'missing')
    return {
      why: 'conflict',
      reason:
        `${key} carries no seal of what was proposed on it (Handoff did not open it, or the seal was lost), so ` +
        `its approval owner and change cannot be trusted; nothing was ${done} — propose the change again`,
    };
  return {
    why: 'forbidden',
    reason:
      `${key}'s change data was edited after it was proposed (its approval owner, change or proposed record ` +
      `no longer match what was sealed); nothing was ${done} — propose the change again`,
  };
}
