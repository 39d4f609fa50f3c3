import type { Plan } from '../plan/plan-types';

/**
 * What an item waits on and what waits on it, by item id, read both ways from the plan's
 * `blocks` (a dependency lists what it must finish before; nothing lists what it waits on).
 */
export function blockLinks(plan: Plan, itemId: string): { blocks: string[]; blockedBy: string[] } {
  const item = plan.items.find((i) => i.itemId === itemId);
  return {
    blocks: [...(item?.blocks ?? [])],
    blockedBy: plan.items.filter((i) => i.blocks.includes(itemId)).map((i) => i.itemId),
  };
}
