import { validateRecord } from '../../domain/record/read-record';
import type { HandoffRecord } from '../../domain/record/record';
import type { ChangeSet } from '../../domain/change/change-set';
import { decodePayload } from './payload';
import { staleBase } from './lineage';
import type { ChangeOptions } from './propose';
import { changeTickets, changeWork } from './updates';
import { appliedComment } from './comments';
import { appliedMarker, carries } from '../../domain/change/comment-marker';
import { applyPlan } from '../../provision/engine';
import { findItems } from '../../provision/find-items';
import { knownChanges } from '../../provision/ledger';
import type { ProvisionReport } from '../../provision/report';
import { createSender, type Sender } from '../../provision/retry';
import type { ChangeTracker } from '../../provision/change-tracker';
import { TrackerError } from '../../provision/tracker-error';
import type { ChangeState, Refusal } from '../../provision/change-types';
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
  const ready = await readyToApply(tracker, key, send, options);
  if (ready.kind !== 'ready') return ready;
  const { change, record, state } = ready;
  const report: ApplyChangeReport = {
    key,
    change,
    record,
    provision: nothingProvisioned(change.recordId),
    updated: [],
    descoped: [],
    linksRemoved: 0,
    failed: [],
    calls: 0,
  };
  try {
    const stale = await carryOut(tracker, { key, state, send, options }, report);
    if (stale) return { kind: 'refused', why: 'conflict', reason: stale, calls: calls() };
  } catch (error) {
    // A tracker still failing after the retries stops the run where it is: what went through is
    // reported with the failure, and running it again finishes the rest.
    if (!(error instanceof TrackerError)) throw error;
    report.failed.push({ itemId: key, error: error.message });
  }
  return { kind: 'applied', ...report, calls: calls() };
}

/** What an approved, sealed change request holds, ready to be carried out. */
type Ready = { kind: 'ready'; change: ChangeSet; record: HandoffRecord; state: ChangeState };

/**
 * The checks before anything is written — the seal, the outcome so far, the approval, the
 * payload — a few reads, so a resolver can answer them at once and queue only the writing.
 */
export async function readyToApply(
  tracker: ChangeTracker,
  key: string,
  send: Sender,
  options: ChangeOptions,
): Promise<Ready | Exclude<ApplyChangeResult, { kind: 'applied' }>> {
  const start = tracker.requests();
  const calls = () => tracker.requests() - start;
  const refuse = (reason: string, why: Refusal['why'] = 'conflict'): Refusal => ({
    kind: 'refused',
    why,
    reason,
    calls: calls(),
  });
  const request = await send(() => tracker.readChangeRequest(key), 'read').catch(unanswered);
  if (request instanceof TrackerError)
    return refuse(`${key} could not be read (${request.message}); nothing was applied — run it again`);
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
  return { kind: 'ready', change: payload.change, record: record.value, state: request.state };
}

type Run = { key: string; state: ChangeState; send: Sender; options: ChangeOptions & { today: string } };

/**
 * The steps after the approval check, each safe to run again, filling `report` as they go:
 * new items through the engine, then updates and unlinks, then the change request related to
 * every ticket of the change and, once all went through, its "applied" comment and outcome —
 * the comment first, so a change recorded as applied has it. Returns why the change no longer
 * applies (stale), else null. A tracker error is thrown, leaving `report` as far as it got.
 */
async function carryOut(tracker: ChangeTracker, run: Run, report: ApplyChangeReport): Promise<string | null> {
  const { key, send, options } = run;
  const { change } = report;
  const found = await findItems(tracker, change.recordId, send, options.ledger);
  const known = await knownChanges(options.ledger, change.recordId);
  const tickets = await send(() => tracker.findChangeRequests(change.recordId, known), 'read');
  const stale = staleBase(change, found, tickets);
  if (stale) return stale;
  // No gate: the record was gated when first provisioned, and the approval owner approved this change.
  const { plan, accounts } = await planWithPeople(report.record, tracker, {
    target: change.target,
    today: options.today,
    policy: options.policy,
  });
  const provision = await applyPlan(plan, tracker, {
    accounts,
    policy: options.policy,
    ...(options.ledger ? { ledger: options.ledger(plan.recordId) } : {}),
  });
  report.provision = provision;
  const work = changeWork(change, plan, found, accounts, { key, url: tracker.itemUrl(key) });
  report.failed.push(...provision.failed, ...work.problems);
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
  const keys = new Map([...found.values()].map((item) => [item.itemId, item.key]));
  for (const made of [...provision.existing, ...provision.created]) keys.set(made.itemId, made.key);
  const whole = changeTickets(change, (itemId) => keys.get(itemId));
  const done = fullyApplied(report);
  const by = done ? await send(() => tracker.currentAccount(), 'read') : null;
  // Read, then add only what is missing: sent again after a lost answer, it adds nothing twice.
  await send(async () => {
    const trail = await tracker.readTrail(key);
    const unrelated = whole.related.filter((k) => !trail.related.includes(k));
    if (unrelated.length) await tracker.linkRelated(key, unrelated);
    if (by && !trail.comments.some((c) => carries(c, appliedMarker(key))))
      await tracker.comment(key, appliedComment(key, whole, by.name, tracker.itemUrl));
  }, 'idempotent-write');
  if (by) {
    const outcome = { kind: 'applied' as const, by, at: options.now(), reason: null };
    await send(() => tracker.saveChangeState(key, { ...run.state, outcome }), 'idempotent-write');
  }
  return null;
}

/** A tracker error after the retries, as a value; anything else goes on up. */
function unanswered(error: unknown): TrackerError {
  if (error instanceof TrackerError) return error;
  throw error;
}

/** The provisioning report of a run stopped before it provisioned anything. */
function nothingProvisioned(recordId: string): ProvisionReport {
  return { recordId, created: [], existing: [], failed: [], links: { created: 0, existing: 0, failed: [] }, calls: 0 };
}

/**
 * Everything the change asked for went through: only then is
 * it recorded as applied (and the Forge app saves its record).
 */
export function fullyApplied(report: Pick<ApplyChangeReport, 'failed' | 'provision'>): boolean {
  return report.failed.length === 0 && report.provision.links.failed.length === 0;
}
