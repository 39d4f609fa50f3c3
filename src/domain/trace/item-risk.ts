/** An issue the item waits on, as the tracker has it now. */
export type Waited = { key: string; due: string | null; done: boolean };

/**
 * Why an item is at risk, or null when it is on track: an open item past its due date, or
 * waiting on an open issue that is overdue or due after it (it cannot finish in time). Dates
 * are `YYYY-MM-DD`, compared as text; the caller brings today, as the core has no clock.
 */
export function riskOf(item: { due: string | null; done: boolean }, waitingOn: readonly Waited[], today: string) {
  if (item.done) return null;
  if (item.due !== null && item.due < today) return `its due date ${item.due} has passed`;
  for (const waited of waitingOn) {
    if (waited.done || waited.due === null) continue;
    if (waited.due < today) return `${waited.key}, which it waits on, was due ${waited.due} and is still open`;
    if (item.due !== null && waited.due > item.due)
      return `${waited.key}, which it waits on, is due ${waited.due}, after this item's ${item.due}`;
  }
  return null;
}
