import type { HandoffRecord } from '../record/record';
import type { Plan, PlanItem } from './plan-types';
import { itemIdOf } from './plan-items';

/**
 * "Every commitment made in negotiation must map to a deliverable, owner, timeline, or
 * explicit exclusion." For each promise: its planned item (with owner and date), its
 * exclusion, or the gap.
 */
export type PromiseCoverage =
  | { promiseId: string; path: string; title: string; status: 'planned'; itemId: string; assignee: string; due: string }
  | { promiseId: string; path: string; title: string; status: 'excluded'; reason: string }
  | {
      promiseId: string;
      path: string;
      title: string;
      status: 'unowned';
      itemId: string;
      missing: ('owner' | 'due date')[];
    }
  | { promiseId: string; path: string; title: string; status: 'missing' };

export type Coverage = { promises: PromiseCoverage[]; complete: boolean };

export function coverage(record: HandoffRecord, plan: Plan): Coverage {
  const items = new Map<string, PlanItem>();
  for (const item of plan.items) if (item.kind === 'promise') items.set(item.itemId, item);
  const exclusions = new Map(plan.exclusions.map((e) => [e.itemId, e]));
  // Entries are written out whole rather than spread from a shared head: spread dominated the
  // cost at 10,000 promises (bench/core.bench.ts).
  const promises = (record.promises ?? []).map((p, i): PromiseCoverage => {
    const path = `promises[${i}]`;
    const itemId = itemIdOf(record.id, 'promise', p.id);
    const excluded = exclusions.get(itemId);
    if (excluded) return { promiseId: p.id, path, title: p.title, status: 'excluded', reason: excluded.reason };
    const item = items.get(itemId);
    if (!item) return { promiseId: p.id, path, title: p.title, status: 'missing' };
    if (item.assignee && item.due)
      return {
        promiseId: p.id,
        path,
        title: p.title,
        status: 'planned',
        itemId,
        assignee: item.assignee,
        due: item.due,
      };
    const missing: ('owner' | 'due date')[] = [];
    if (!item.assignee) missing.push('owner');
    if (!item.due) missing.push('due date');
    return { promiseId: p.id, path, title: p.title, status: 'unowned', itemId, missing };
  });
  return { promises, complete: promises.every((p) => p.status === 'planned' || p.status === 'excluded') };
}
