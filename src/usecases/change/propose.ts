import { affectedItemIds, isEmptyChange, type ChangeSet } from '../../domain/change/change-set';
import { changeHeadline, renderChange } from '../../domain/change/change-render';
import { diffRecords, type DescopeReasons } from '../../domain/change/diff';
import type { PlanTarget } from '../../domain/plan/plan-types';
import type { HandoffRecord } from '../../domain/record/record';
import { encodePayload } from './payload';
import { staleBase } from './lineage';
import type { ChangeState, Refusal } from '../../provision/change-types';
import { findItems } from '../../provision/find-items';
import { knownChanges, rememberChange, type LedgerFor } from '../../provision/ledger';
import { createSender, type RetryPolicy } from '../../provision/retry';
import { trackerName } from '../../domain/words';
import type { ChangeTracker } from '../../provision/change-tracker';
import { openTwin } from './twin';
import { createOnce } from './lost-create';
import { sealOf, type ChangeSeals } from './seal';

export type ChangeOptions = {
  policy: RetryPolicy;
  /** ISO timestamp: the provision layer reads no clock. */ now: () => string;
  /** Where provisioning wrote what it created (the search lags): read with it, and written by an applied change. */
  ledger?: LedgerFor;
  /** Where what was proposed is sealed, so approve and apply can tell it was not edited since. */
  seals: ChangeSeals;
};

export type ProposeInput = {
  base: HandoffRecord;
  proposed: HandoffRecord;
  target: PlanTarget;
  today: string;
  /** Why each item taken out of the record goes, by item id: each removed ticket carries its reason. */
  reasons?: DescopeReasons;
};

export type ProposeResult =
  | { kind: 'proposed' | 'already-proposed'; key: string; url: string; change: ChangeSet; calls: number }
  | { kind: 'unchanged'; change: ChangeSet; calls: number }
  | Refusal;

/**
 * A change to a provisioned record becomes a proposal, never an edit: the diff, then a
 * change-request ticket assigned to the record's approval owner, carrying the change and the
 * proposed record, related to every existing ticket it touches, and sealed (seal.ts) so that
 * approve and apply can tell it was not edited since. Proposing the same change again while it
 * is open finds the open one instead of opening a twin (twin.ts).
 */
export async function proposeChange(
  tracker: ChangeTracker,
  input: ProposeInput,
  options: ChangeOptions,
): Promise<ProposeResult> {
  const send = createSender(options.policy);
  const start = tracker.requests();
  const calls = () => tracker.requests() - start;
  const refuse = (reason: string): ProposeResult => ({ kind: 'refused', why: 'conflict', reason, calls: calls() });
  const { base, proposed } = input;
  if (base.id !== proposed.id)
    return refuse(`the two files are different records (${base.id}, ${proposed.id}); a change keeps the record id`);
  const reasons = input.reasons ?? {};
  const change = diffRecords(base, proposed, { target: input.target }, reasons);
  // A reason for an item that stays would be approved along with a change that does not carry it.
  const stray = Object.keys(reasons).find((itemId) => !change.removed.some((r) => r.itemId === itemId));
  if (stray) return refuse(`a descoping reason names ${stray}, which this change does not take out of the record`);
  if (isEmptyChange(change)) return { kind: 'unchanged', change, calls: 0 };
  const ownerEmail = base.people?.['approval-owner'];
  if (!ownerEmail)
    return refuse(
      'the record names no approval owner (people.approval-owner), and a change needs someone to approve it',
    );
  const ownerAccount = await send(() => tracker.findPerson(ownerEmail), 'read');
  if (!ownerAccount)
    return refuse(
      `${ownerEmail} (approval owner) has no ${trackerName(tracker.name)} account ` +
        'that can be assigned the change request',
    );

  const found = await findItems(tracker, base.id, send, options.ledger);
  const known = await knownChanges(options.ledger, base.id);
  const tickets = await send(() => tracker.findChangeRequests(base.id, known), 'read');
  const proposer = await send(() => tracker.currentAccount(), 'read');
  const payload = encodePayload({ change, proposed });
  const state: ChangeState = {
    recordId: base.id,
    changeId: change.id,
    baseRecordHash: change.baseRecordHash,
    proposedRecordHash: change.proposedRecordHash,
    approvalOwner: { email: ownerEmail, account: ownerAccount },
    proposedBy: proposer,
    proposedAt: options.now(),
    payloadParts: payload.length,
    outcome: null,
  };
  const open = await openTwin(tracker, tickets, { state, payload }, options);
  if (open) return { kind: 'already-proposed', key: open, url: tracker.itemUrl(open), change, calls: calls() };
  const stale = staleBase(change, found, tickets);
  if (stale) return refuse(stale);
  const ticketOf = (itemId: string) => {
    const item = found.get(itemId);
    return item && { key: item.key, url: tracker.itemUrl(item.key) };
  };
  const description = renderChange(change, {
    proposedBy: proposer.name,
    approvalOwner: ownerEmail,
    tracker: input.target,
    ticketOf,
  });
  // A create is never sent twice blind: a lost answer is looked for until the search has caught up.
  const key = await createOnce(
    tracker,
    () =>
      tracker.createChangeRequest({
        recordId: base.id,
        summary: changeHeadline(change),
        description,
        assigneeAccount: ownerAccount,
        state,
        payload,
      }),
    { state, known },
    { send, policy: options.policy },
  );
  await rememberChange(options.ledger, base.id, key);
  // Sealed once the key is known, so the seal binds it; a lost seal is redone by proposing again (twin.ts).
  const signed = await sealOf(options.seals, key, state, payload);
  if (signed) await send(() => tracker.saveChangeState(key, signed), 'idempotent-write');
  const affected = affectedItemIds(change).flatMap((itemId) => ticketOf(itemId)?.key ?? []);
  if (affected.length) await send(() => tracker.linkRelated(key, affected), 'create');
  return { kind: 'proposed', key, url: tracker.itemUrl(key), change, calls: calls() };
}
