import { validateRecord } from '../../domain/record/read-record';
import type { HandoffRecord } from '../../domain/record/record';
import type { ChangeSet } from '../../domain/change/change-set';
import { decodePayload } from './payload';
import { staleBase } from './lineage';
import type { ChangeOptions } from './propose';
import { changeWork } from './updates';
import { appliedComment } from './comments';
import { applyPlan } from '../../provision/engine';
import { findItems } from '../../provision/find-items';
import { knownChanges } from '../../provision/ledger';
import type { ProvisionReport } from '../../provision/report';
import { createSender } from '../../provision/retry';
import type { ChangeTracker } from '../../provision/change-tracker';
import { TrackerError } from '../../provision/tracker-error';
import type { Refusal } from '../../provision/change-types';
import { checkApproval } from './decide';
import { sealRefusal } from './seal';
import { planWithPeople } from '../provision-record';

export type ApplyChangeReport = {
  key: string;
  change: ChangeSet;
  /** The proposed record: from now on the truth (the CLI's NEW file, the Forge app's stored record). */
  record: HandoffRecord;
  provision: ProvisionReport;
  updated: Array<{ itemId: string; key: string }>;
  descoped: Array<{ itemId: string; key: string }>;
  linksRemoved: number;
  failed: Array<{ itemId: string; error: string }>;
  calls: number;
};

export type ApplyChangeResult =
  | ({ kind: 'applied' } & ApplyChangeReport)
  | { kind: 'already-applied'; key: string; by: string; at: string; calls: number }
  /** Not approved yet: nothing wrong, nothing done — the approval owner has not decided. */
  | { kind: 'not-approved'; reason: string; calls: number }
  | Refusal;

/**
 * Applies an approved change, and only that: the change request must hold what was sealed when
 * it was proposed, the approval must be the (sealed) approval owner's, the change must start
 * from the record the tickets stand for now. New items and links go through
 * the provisioning engine (idempotent, batched); changed tickets get the fields the change names;
 * tickets no longer planned are descoped with a comment linking the change request. The outcome
 * is recorded on the change request only once everything went through, so a run that failed
 * halfway is finished by running it again — and a second run of a finished one changes nothing.
 */
export async function applyChange(
  tracker: ChangeTracker,
  key: string,
  options: ChangeOptions & { today: string },
): Promise<ApplyChangeResult> {
  const send = createSender(options.policy);
  const start = tracker.requests();
  const calls = () => tracker.requests() - start;
  const refuse = (reason: string, why: Refusal['why'] = 'conflict'): ApplyChangeResult => ({
    kind: 'refused',
    why,
    reason,
    calls: calls(),
  });
  const request = await send(() => tracker.readChangeRequest(key), 'read');
  if (!request) return refuse(`${key} is not a Handoff change request`, 'not-found');
  // Before anything trusts the state or the payload: anyone who may edit the ticket can rewrite them.
  const unsealed = await sealRefusal(options.seals, request, 'applied');
  if (unsealed) return refuse(unsealed.reason, unsealed.why);
  const { outcome } = request.state;
  if (outcome?.kind === 'applied')
    return { kind: 'already-applied', key, by: outcome.by.name, at: outcome.at, calls: calls() };
  const refusal = checkApproval(request);
  if (refusal) return refuse(refusal.reason, refusal.why);
  if (!request.approval.approved) {
    const owner = request.state.approvalOwner.email;
    return {
      kind: 'not-approved',
      reason:
        `${key} is not approved yet: ${owner} (approval owner) approves it by ` +
        `moving it to Done / Approved, or with \`handoff change approve ${key}\``,
      calls: calls(),
    };
  }
  const payload = decodePayload(request.payload);
  const record = payload && validateRecord(payload.proposed);
  if (!payload || !record?.ok)
    return refuse(
      `the data stored with ${key} cannot be read back (was its ` +
        `description or a property edited?); propose the change again`,
    );
  const { change } = payload;

  const found = await findItems(tracker, change.recordId, send, options.ledger);
  const known = await knownChanges(options.ledger, change.recordId);
  const tickets = await send(() => tracker.findChangeRequests(change.recordId, known), 'read');
  const stale = staleBase(change, found, tickets);
  if (stale) return refuse(stale);
  // No gate: the record was gated when first provisioned, and the approval owner approved this change.
  const { plan, accounts } = await planWithPeople(record.value, tracker, {
    target: change.target,
    today: options.today,
    policy: options.policy,
  });
  const provision = await applyPlan(plan, tracker, {
    accounts,
    policy: options.policy,
    ...(options.ledger ? { ledger: options.ledger(plan.recordId) } : {}),
  });
  const work = changeWork(change, plan, found, accounts, { key, url: tracker.itemUrl(key) });
  const report: ApplyChangeReport = {
    key,
    change,
    record: record.value,
    provision,
    updated: [],
    descoped: [],
    linksRemoved: 0,
    failed: [...provision.failed, ...work.problems],
    calls: 0,
  };
  for (const { itemId, update } of work.updates) {
    try {
      // A comment rides with the update: never sent twice blind.
      await send(() => tracker.updateItem(update), 'create');
      (update.descoped ? report.descoped : report.updated).push({ itemId, key: update.key });
    } catch (error) {
      if (!(error instanceof TrackerError)) throw error;
      report.failed.push({ itemId, error: error.message });
    }
  }
  if (work.unlinks.length) {
    for (const outcome of await send(() => tracker.removeLinks(work.unlinks), 'idempotent-write')) {
      if (outcome.ok) report.linksRemoved += 1;
      else report.failed.push({ itemId: outcome.blocked, error: outcome.error });
    }
  }
  const created = provision.created.map((c) => c.key);
  if (created.length) await send(() => tracker.linkRelated(key, created), 'create');
  if (fullyApplied(report)) {
    const by = await send(() => tracker.currentAccount(), 'read');
    await send(
      () =>
        tracker.saveChangeState(key, {
          ...request.state,
          outcome: { kind: 'applied', by, at: options.now(), reason: null },
        }),
      'idempotent-write',
    );
    await send(() => tracker.comment(key, appliedComment(report, by.name, tracker.itemUrl)), 'create');
  }
  return { kind: 'applied', ...report, calls: calls() };
}

/**
 * Everything the change asked for went through: only then is
 * it recorded as applied (and the Forge app saves its record).
 */
export function fullyApplied(report: Pick<ApplyChangeReport, 'failed' | 'provision'>): boolean {
  return report.failed.length === 0 && report.provision.links.failed.length === 0;
}
