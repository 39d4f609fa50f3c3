import type { HandoffRecord } from '../record.ts';
import { trackedLists } from '../date-fields.ts';
import { assigneeRef, ownerEmail } from '../people.ts';
import type { Problem } from '../problem.ts';
import type { Findings } from './finding.ts';

/**
 * The port through which a tracker adapter tells the gate who it can assign work to. The
 * adapter looks everyone up first (that is I/O); the gate only asks.
 */
export type PersonDirectory = { trackerName: string; isKnown(email: string): boolean };

/** Every assignee the plan would use must be an account in the target tracker. */
export function peopleResolution(record: HandoffRecord, directory: PersonDirectory | undefined): Findings {
  if (!directory) return { blockers: [], warnings: [] };
  const blockers: Problem[] = [];
  const check = (path: string, email: string | null) => {
    if (email && !directory.isKnown(email)) {
      blockers.push({ path, message: `${email} has no ${directory.trackerName} account that can be assigned: invite them or name someone who has one.` });
    }
  };
  check('people.delivery-owner', ownerEmail(record, 'delivery-owner'));
  for (const { list, items } of trackedLists(record)) {
    items.forEach((item, i) => {
      const field = 'side' in item && item.side !== 'internal' ? 'chaser' : 'owner';
      check(`${list}[${i}].${field}`, ownerEmail(record, assigneeRef(item)));
    });
  }
  return { blockers, warnings: [] };
}
