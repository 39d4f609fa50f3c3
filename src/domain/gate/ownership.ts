import type { HandoffRecord } from '../record/record';
import { trackedLists } from '../dates/date-fields';
import { resolveOwner, chaserRef } from '../record/people';
import { rulesFor } from '../record/scenarios';
import type { Problem } from '../problem';
import type { Findings } from './finding';

/**
 * Every dependency, risk and open question has an owner and a date ("need clarification" is
 * not a status); a role named as owner is filled; promises say where they were made.
 */
export function ownership(record: HandoffRecord): Findings {
  const blockers: Problem[] = [];
  const warnings: Problem[] = [];
  for (const { list, noun, items } of trackedLists(record)) {
    items.forEach((item, i) => {
      const at = `${list}[${i}]`;
      if ('answer' in item && item.answer) return;
      blockers.push(...unfilledRole(record, `${at}.owner`, item.owner));
      // Promises are judged by their coverage (ticket or exclusion), see promise-coverage.ts.
      if (list === 'promises') return;
      if (!item.owner)
        blockers.push({ path: `${at}.owner`, message: `${noun} "${item.title}" has no owner: name one.` });
      // An accepted risk needs someone watching it, but no date: there is nothing to deliver.
      if (!item.due && !('accepted' in item && item.accepted))
        blockers.push({ path: `${at}.due`, message: `${noun} "${item.title}" has no due date: set one.` });
    });
  }
  record.dependencies?.forEach((d, i) => {
    if (d.side !== 'internal') blockers.push(...unfilledRole(record, `dependencies[${i}].chaser`, chaserRef(d)));
  });
  const sourceRequired = rulesFor(record).promiseSourceRequired;
  record.promises?.forEach((p, i) => {
    if (p.source) return;
    const finding = {
      path: `promises[${i}].source`,
      message: `Say where "${p.title}" was promised (call, demo, proposal…) and link it.`,
    };
    (sourceRequired ? blockers : warnings).push(finding);
  });
  return { blockers, warnings };
}

function unfilledRole(record: HandoffRecord, path: string, ref: string | undefined): Problem[] {
  const owner = resolveOwner(record, ref);
  if (owner?.kind !== 'unfilled-role') return [];
  return [{ path, message: `${owner.role} is named here but nobody fills it: set people.${owner.role}.` }];
}
