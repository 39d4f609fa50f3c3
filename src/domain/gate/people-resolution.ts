import type { HandoffRecord } from '../record/record';
import { buildPlan } from '../plan/plan';
import type { Problem } from '../problem';
import type { Findings } from './finding';

/**
 * The port through which a tracker adapter tells the gate who it can assign work to. The
 * adapter looks everyone up first (that is I/O); the gate only asks.
 */
export type PersonDirectory = { trackerName: string; isKnown(email: string): boolean };

/**
 * Every assignee of the plan must be an account in the target tracker. People the plan never
 * assigns (owners of answered questions, accepted risks) are not asked about.
 */
export function peopleResolution(record: HandoffRecord, directory: PersonDirectory | undefined): Findings {
  if (!directory) return { blockers: [], warnings: [] };
  const reported = new Set<string>();
  const blockers: Problem[] = [];
  for (const item of buildPlan(record, { target: 'jira' }).items) {
    const { assignee, assigneePath } = item;
    if (!assignee || !assigneePath || directory.isKnown(assignee) || reported.has(`${assigneePath} ${assignee}`))
      continue;
    reported.add(`${assigneePath} ${assignee}`);
    blockers.push({
      path: assigneePath,
      message:
        `${assignee} has no ${directory.trackerName} account that ` +
        `can be assigned: invite them or name someone who has one.`,
    });
  }
  return { blockers, warnings: [] };
}
