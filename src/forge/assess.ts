import type { GateResult } from '../domain/gate/gate.ts';
import { evaluateGate } from '../domain/gate/gate.ts';
import { buildPlan, type Plan } from '../domain/plan/plan.ts';
import type { HandoffRecord } from '../domain/record/record.ts';
import { assigneesOf, directoryOf, lookUpPeople, type Accounts } from '../provision/people-directory.ts';
import type { RetryPolicy } from '../provision/retry.ts';
import type { Tracker } from '../provision/tracker.ts';

export type Assessment = { plan: Plan; accounts: Accounts; gate: GateResult };

/**
 * What the CLI's `provision` does before it writes, for the Forge side: the plan, every
 * assignee looked up in Jira, and the gate with that knowledge (someone Jira cannot assign
 * is a blocker).
 */
export async function assess(
  record: HandoffRecord,
  tracker: Tracker,
  today: string,
  policy: RetryPolicy,
): Promise<Assessment> {
  const plan = buildPlan(record, { target: 'jira', today });
  const accounts = await lookUpPeople(tracker, assigneesOf(plan), policy);
  const gate = evaluateGate(record, { today, people: directoryOf(tracker, accounts) });
  return { plan, accounts, gate };
}

/** Jira writes a fresh provisioning needs: bulk creates of 50, one per link, the parent, search and link types. */
export function writesNeeded(plan: Plan): number {
  return Math.ceil(plan.items.length / 50) + plan.items.reduce((n, item) => n + item.blocks.length, 0) + 3;
}
