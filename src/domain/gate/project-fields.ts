import type { HandoffRecord } from '../record/record';
import { buildPlan } from '../plan/plan';
import type { PlanItem } from '../plan/plan-types';
import type { Problem } from '../problem';
import type { Findings } from './finding';

/** What a plan item carries into the tracker, in the plan's words (the adapter maps them to its own fields). */
export type PlanField = 'summary' | 'description' | 'labels' | 'assignee' | 'due' | 'parent';

/**
 * What the target project refuses of what the plan needs, found by the tracker adapter before
 * anything is written (Jira: the issue types' create screens and required fields) and said in a
 * sentence an admin can act on. `scope`: the parent item or the others. `reason`:
 * - `not-settable`: the project will not take `field`, which the plan sends;
 * - `required`: the project will not go without `field`, which the plan leaves empty on some
 *   items — or, `field` null, a field of the project's own that Handoff never fills;
 * - `unavailable`: the scope's issue type cannot be created there at all.
 */
export type FieldRefusal = {
  scope: 'parent' | 'items';
  reason: 'not-settable' | 'required' | 'unavailable';
  field: PlanField | null;
  message: string;
  /**
   * The record field to fix, when the tracker can tell it from the plan (an item's `recordPath`):
   * a refusal about links rather than a field (Asana: a task past its dependency limit).
   */
  path?: string;
};

/**
 * Each refusal as a blocker at the record field that makes the plan need it: the first item
 * that sends a refused field, the first that leaves a required one empty, else the first item
 * of the scope (the parent is the record's `title`, which names it).
 */
export function projectFields(record: HandoffRecord, refusals: readonly FieldRefusal[] | undefined): Findings {
  if (!refusals?.length) return { blockers: [], warnings: [] };
  const items = buildPlan(record, { target: 'jira' }).items;
  const blockers = refusals.map((refusal): Problem => {
    const { field } = refusal;
    const inScope = items.filter((i) => (i.kind === 'parent') === (refusal.scope === 'parent'));
    const located =
      field === null || refusal.reason === 'unavailable'
        ? undefined
        : inScope.find((i) => sends(i, field) === (refusal.reason === 'not-settable'));
    const item = located ?? inScope[0];
    return { path: refusal.path ?? (item ? pathOf(item, field) : 'title'), message: refusal.message };
  });
  return { blockers, warnings: [] };
}

export const PLAN_FIELDS: readonly PlanField[] = ['summary', 'description', 'labels', 'assignee', 'due', 'parent'];

/** Whether the plan gives this item a value for the field (summary, description and labels it always does). */
export function sends(item: PlanItem, field: PlanField): boolean {
  if (field === 'due') return item.due !== null;
  if (field === 'assignee') return item.assignee !== null;
  if (field === 'parent') return item.parent !== null;
  return true;
}

function pathOf(item: PlanItem, field: PlanField | null): string {
  if (field === 'due') return item.kind === 'parent' ? 'timeline.goLive' : `${item.recordPath}.due`;
  if (field === 'assignee')
    return item.assigneePath ?? (item.kind === 'parent' ? 'people' : `${item.recordPath}.owner`);
  return item.kind === 'parent' ? 'title' : item.recordPath;
}
