import type { PlanItem } from '../../../../src/domain/plan/plan-types';
import { isWithin } from '../field-path';
import type { ItemFacts } from './item-filter';

/** A plan row's kind as the Plan names it: the parent is the Epic. */
export function kindLabel(kind: PlanItem['kind']): string {
  return kind === 'parent' ? 'epic' : kind;
}

/** What the Plan's search and filters read of each row: its summary, assignee, group and issue key. */
export function planFacts(
  items: readonly PlanItem[],
  blocked: Iterable<string>,
  issues: ReadonlyMap<string, { key: string }> | null,
): ItemFacts[] {
  const paths = [...blocked];
  return items.map((item) => {
    const key = issues?.get(item.itemId)?.key;
    return {
      text: [item.summary, item.assignee ?? '', item.group, kindLabel(item.kind), key ?? ''],
      owner: item.assignee,
      due: item.due,
      // The Epic stands for the whole record: it is not blocked by every blocker of the record.
      blocked: item.kind !== 'parent' && paths.some((path) => isWithin(path, item.recordPath)),
      excluded: false,
      kind: kindLabel(item.kind),
    };
  });
}
