import type { HandoffRecord } from '../record/record';
import { buildPlan } from '../plan/plan';
import { coverage } from '../plan/coverage';
import type { Problem } from '../problem';
import type { Findings } from './finding';

/**
 * Every promise maps to a ticket with an owner and a date, or to an explicit exclusion. The
 * gate reads this from the same coverage report the panel and `handoff coverage` show.
 */
export function promiseCoverage(record: HandoffRecord): Findings {
  const report = coverage(record, buildPlan(record, { target: 'jira' }));
  // The report lists the record's promises in their order: the i-th entry is the i-th promise.
  const blockers = report.promises.flatMap((p, i): Problem[] => {
    const promise = record.promises?.[i];
    if (p.status === 'missing')
      return [{ path: p.path, message: `Promise "${p.title}" has no ticket in the plan and no exclusion.` }];
    if (p.status !== 'unowned') return [];
    return (
      p.missing
        // A role nobody fills, or a date whose anchor has no date yet, is written but unresolved:
        // the ownership and date rules report those with what to fix.
        .filter((gap) => !(gap === 'owner' ? promise?.owner : promise?.due))
        .map((gap) => ({
          path: `${p.path}.${gap === 'owner' ? 'owner' : 'due'}`,
          message: `Promise "${p.title}" has no ${gap}: add one, or exclude the promise with a reason.`,
        }))
    );
  });
  return { blockers, warnings: [] };
}
