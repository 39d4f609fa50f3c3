import { evaluateGate, type FieldRefusal, type GateResult } from '../domain/gate/gate';
import { buildPlan, type Plan } from '../domain/plan/plan';
import type { PlanTarget } from '../domain/plan/plan-types';
import type { HandoffRecord } from '../domain/record/record';
import { applyPlan } from '../provision/engine';
import type { LedgerFor } from '../provision/ledger';
import { assigneesOf, directoryOf, lookUpPeople, type Accounts } from '../provision/people-directory';
import type { ProvisionProgress, ProvisionReport } from '../provision/report';
import { createSender, type RetryPolicy } from '../provision/retry';
import type { ProvisioningTracker } from '../provision/tracker';

export type AssessOptions = { target: PlanTarget; today: string; policy: RetryPolicy };

/**
 * What is known before anything is written: the plan, every assignee's account, what the
 * project refuses of the plan, and the gate with that knowledge.
 */
export type Assessment = { plan: Plan; accounts: Accounts; refusals: FieldRefusal[]; gate: GateResult };

/** The plan and every assignee looked up once in the tracker: all applying a plan needs to know. */
export async function planWithPeople(
  record: HandoffRecord,
  tracker: ProvisioningTracker,
  options: AssessOptions,
): Promise<Pick<Assessment, 'plan' | 'accounts'>> {
  const plan = buildPlan(record, { target: options.target });
  return { plan, accounts: await lookUpPeople(tracker, assigneesOf(plan), options.policy) };
}

/**
 * The steps before any write, the same for the CLI and the Forge app: the plan and its people,
 * the project's preflight, and the gate with that knowledge (someone the tracker cannot assign,
 * a field the project will not take or a required one Handoff leaves empty is a blocker, found
 * before anything is created).
 */
export async function assessRecord(
  record: HandoffRecord,
  tracker: ProvisioningTracker,
  options: AssessOptions,
): Promise<Assessment> {
  const { plan, accounts } = await planWithPeople(record, tracker, options);
  const refusals = await createSender(options.policy)(() => tracker.preflight(plan), 'read');
  const gate = evaluateGate(record, { today: options.today, people: directoryOf(tracker, accounts), refusals });
  return { plan, accounts, refusals, gate };
}

export type ProvisionOptions = AssessOptions & {
  /** Look people up and gate, write nothing. */
  dryRun?: boolean;
  /** Held only while writing, so two runs never both find nothing and both create everything; returns its release. */
  lock?: (recordId: string) => Promise<() => Promise<void>>;
  /** Where the run writes what it creates as it goes, for the next run to read (default: memory). */
  ledger?: LedgerFor;
  onProgress?: (progress: ProvisionProgress) => void;
};

/** `calls`: requests the lookup made, when nothing was written. */
export type ProvisionResult =
  | ({ kind: 'not-yet'; calls: number } & Assessment)
  | ({ kind: 'dry-run'; calls: number } & Assessment)
  | ({ kind: 'provisioned'; report: ProvisionReport } & Assessment);

/**
 * Provisions a record in one go: assess, and only on go (and not a dry run) apply the plan
 * through the engine — idempotent, so running it again finishes what a failed run left.
 */
export async function provisionRecord(
  record: HandoffRecord,
  tracker: ProvisioningTracker,
  options: ProvisionOptions,
): Promise<ProvisionResult> {
  const start = tracker.requests();
  const assessment = await assessRecord(record, tracker, options);
  const calls = tracker.requests() - start;
  if (assessment.gate.decision === 'not-yet') return { kind: 'not-yet', calls, ...assessment };
  if (options.dryRun) return { kind: 'dry-run', calls, ...assessment };
  const unlock = await options.lock?.(assessment.plan.recordId);
  try {
    const report = await applyPlan(assessment.plan, tracker, {
      accounts: assessment.accounts,
      policy: options.policy,
      onProgress: options.onProgress,
      ...(options.ledger ? { ledger: options.ledger(assessment.plan.recordId) } : {}),
    });
    return { kind: 'provisioned', report, ...assessment };
  } finally {
    await unlock?.();
  }
}

/**
 * The most requests a fresh provisioning makes: creates in the tracker's batches, links in its
 * link batches (Jira's batch of 1 is one request per link; a tracker that batches sends at most
 * one request per `linkBatch` links), plus the parent's own create, the search, and one lookup
 * (Jira's link types). Asana's section set-up is not counted. The Forge app (Jira) runs a plan
 * inline only when this fits its budget.
 */
export function writesNeeded(plan: Plan, tracker: Pick<ProvisioningTracker, 'maxBatch' | 'linkBatch'>): number {
  const links = plan.items.reduce((n, item) => n + item.blocks.length, 0);
  return Math.ceil(plan.items.length / tracker.maxBatch) + Math.ceil(links / tracker.linkBatch) + 3;
}
