import { digest } from 'ohash';
import type { AddedItem, ChangeSet, ItemChange, ItemRef, RemovedItem } from './change-set';
import { recordHash, recordLevelChanges } from './diff-record';
import { buildPlan, type PlanOptions } from '../plan/plan';
import type { PlanItem } from '../plan/plan-types';
import type { HandoffRecord } from '../record/record';

export type * from './change-set';
export { recordHash } from './diff-record';

/**
 * Why the person proposing took items out of the record, by item id: the record cannot say it
 * itself (the item is gone from it), so the proposal brings it.
 */
export type DescopeReasons = Readonly<Record<string, string>>;

/**
 * Old record vs new, as a change to the tickets the old one was provisioned into: the items
 * the new plan adds, the ones it no longer plans (with why), and for each item in both the
 * fields that move — summary, due date, assignee, what it blocks. Record-level moves (scope,
 * exclusions, milestones, owners) explain them. Pure and deterministic: the same two records
 * and reasons always give the same change, with the same id — so the id, and the seal over
 * it, bind the reasons as well as the records.
 */
export function diffRecords(
  base: HandoffRecord,
  proposed: HandoffRecord,
  options: PlanOptions,
  reasons: DescopeReasons = {},
): ChangeSet {
  const before = buildPlan(base, options);
  const after = buildPlan(proposed, options);
  const old = new Map(before.items.map((i) => [i.itemId, i]));
  const now = new Set(after.items.map((i) => i.itemId));
  const added: AddedItem[] = after.items
    .filter((i) => !old.has(i.itemId))
    .map((i) => ({ ...refOf(i), assignee: i.assignee, due: i.due, blocks: [...i.blocks] }));
  const removed: RemovedItem[] = before.items
    .filter((i) => !now.has(i.itemId))
    .map((i) => ({ ...refOf(i), why: whyRemoved(proposed, i, reasons) }));
  const changed = after.items.flatMap((item) => {
    const was = old.get(item.itemId);
    const change = was ? itemChange(was, item) : null;
    return change ? [change] : [];
  });
  const content = {
    recordId: proposed.id,
    title: proposed.title,
    target: options.target,
    baseRecordHash: recordHash(base),
    proposedRecordHash: recordHash(proposed),
    basePlanHash: before.hash,
    proposedPlanHash: after.hash,
    added,
    removed,
    changed,
    ...recordLevelChanges(base, proposed, before, after),
  };
  return { version: 1, id: digest(JSON.stringify(content)), ...content };
}

function refOf(item: PlanItem): ItemRef {
  return { itemId: item.itemId, kind: item.kind, summary: item.summary };
}

/** The fields that differ, or null when the ticket stays as it is. */
function itemChange(was: PlanItem, now: PlanItem): ItemChange | null {
  const blocksAdded = now.blocks.filter((b) => !was.blocks.includes(b));
  const blocksRemoved = was.blocks.filter((b) => !now.blocks.includes(b));
  const change: ItemChange = { ...refOf(now), blocksAdded, blocksRemoved };
  if (was.summary !== now.summary) change.summaryChange = { from: was.summary, to: now.summary };
  if (was.due !== now.due) change.due = { from: was.due, to: now.due };
  if (was.assignee !== now.assignee) change.assignee = { from: was.assignee, to: now.assignee };
  const moved =
    change.summaryChange || change.due || change.assignee || blocksAdded.length > 0 || blocksRemoved.length > 0;
  return moved ? change : null;
}

/**
 * Why the new record plans no ticket for an item it used to: a reason a person reads on the
 * ticket. What the record itself says (excluded, answered, accepted) comes first; an item taken
 * out of it has the reason its proposer gave.
 */
function whyRemoved(record: HandoffRecord, item: PlanItem, reasons: DescopeReasons): string {
  const id = item.itemId.split('/').at(-1);
  if (item.kind === 'promise') {
    const excluded = record.promises?.find((p) => p.id === id)?.excluded;
    if (excluded) return `excluded: ${excluded}`;
  }
  if (item.kind === 'question') {
    const answer = record.questions?.find((q) => q.id === id)?.answer;
    if (answer) return `answered: ${answer}`;
  }
  if (item.kind === 'risk') {
    const accepted = record.risks?.find((r) => r.id === id)?.accepted;
    if (accepted) return `accepted: ${accepted}`;
  }
  const given = Object.hasOwn(reasons, item.itemId) ? reasons[item.itemId] : undefined;
  return given ?? 'no longer in the record';
}
