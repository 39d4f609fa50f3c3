import type { HandoffRecord } from '../record/record';
import { isOpen, trackedLists } from '../dates/date-fields';
import type { Problem } from '../problem';
import type { Findings } from './finding';

/**
 * Owner transfer: "move ownership in systems". Whoever is handing over must no longer hold a
 * role or own an open item in the record, or the work stays with someone who is leaving.
 */
export function transferRules(record: HandoffRecord): Findings {
  const transfer = record.transfer;
  if (!transfer) return { blockers: [], warnings: [] };
  const { from, to } = transfer;
  const blockers: Problem[] = Object.entries(record.people ?? {})
    .filter(([, email]) => email === from)
    .map(([role]) => ({
      path: `people.${role}`,
      message: `${from} is handing over but still holds ${role}: set it to ${to} or someone else.`,
    }));
  for (const { list, noun, items } of trackedLists(record)) {
    items.forEach((item, i) => {
      if (!isOpen(item)) return;
      if (item.owner === from)
        blockers.push({
          path: `${list}[${i}].owner`,
          message: `${noun} "${item.title}" is still owned by ${from}, who is handing over.`,
        });
      if ('chaser' in item && item.chaser === from)
        blockers.push({
          path: `${list}[${i}].chaser`,
          message: `${noun} "${item.title}" is still chased by ${from}, who is handing over.`,
        });
    });
  }
  return { blockers, warnings: [] };
}
