import type { GateDecision } from '../../domain/gate/gate';
import type { Problem } from '../../domain/problem';
import { assessRecord } from '../../usecases/provision-record';
import type { App } from '../deps';
import { loadValidRecord } from '../resolvers/records';
import { actorOf, type Caller } from '../resolvers/resolver-kit';
import { trackerFor } from '../tracker-for';

export type Readiness = {
  recordId: string;
  title: string;
  decision: GateDecision;
  blockers: Problem[];
  warnings: Problem[];
  /** Issues the plan would create. */
  items: number;
};

/**
 * The gate of the project's saved record, as the panel's `gate` resolver asks it: the plan, every
 * assignee looked up in the target (Jira or Asana) as the caller, what the project's screens refuse — so a step of a
 * rule or an answer of the agent says exactly what the page says.
 */
export async function readinessOf(app: App, caller: Caller): Promise<Readiness> {
  const record = await loadValidRecord(app.store, caller.projectKey);
  const { tracker, target } = await trackerFor(app, actorOf(caller));
  const { plan, gate } = await assessRecord(record, tracker, {
    target,
    today: app.today(),
    policy: caller.policy,
  });
  return {
    recordId: record.id,
    title: record.title,
    decision: gate.decision,
    blockers: gate.blockers,
    warnings: gate.warnings,
    items: plan.items.length,
  };
}

/** The record field a blocker is about; a finding about the whole record has no path. */
export const fieldOf = (problem: Problem): string => problem.path || 'record';

/** One line per blocker, its field first: what a rule puts in a message or a comment as it is. */
export function blockerLines(blockers: readonly Problem[]): string {
  return blockers.map((b) => `${fieldOf(b)}: ${b.message}`).join('\n');
}
