import { z } from 'zod';

/**
 * What a proposed change does to a provisioned record: plain JSON, computed by `diffRecords`
 * from the two records and their plans, stored with the change request and applied later
 * (so it is a schema: whatever reads it back from a tracker parses it). Items are named by
 * their stable item id (`<recordId>/<kind>/<id>`), so a change names the very tickets it
 * touches.
 */
const scopeList = z.enum(['included', 'excluded', 'changeControl']);
export type ScopeList = z.infer<typeof scopeList>;

const move = <T extends z.ZodType>(value: T) => ({ from: value, to: value });
const day = z.string().nullable();
const person = z.string().nullable();

const itemRef = {
  itemId: z.string(),
  kind: z.enum(['parent', 'promise', 'dependency', 'question', 'risk']),
  summary: z.string(),
};
export type ItemRef = z.infer<z.ZodObject<typeof itemRef>>;

const itemChange = z.object({
  ...itemRef,
  summaryChange: z.object(move(z.string())).optional(),
  due: z.object(move(day)).optional(),
  assignee: z.object(move(person)).optional(),
  /** Item ids this item starts or stops blocking. */
  blocksAdded: z.array(z.string()),
  blocksRemoved: z.array(z.string()),
});

export const changeSetSchema = z.object({
  version: z.literal(1),
  /** Content hash of everything below: the same proposal always has the same id. */
  id: z.string(),
  recordId: z.string(),
  title: z.string(),
  target: z.enum(['jira', 'asana']),
  /** Hashes of the two records (any field) and of their plans. */
  baseRecordHash: z.string(),
  proposedRecordHash: z.string(),
  basePlanHash: z.string(),
  proposedPlanHash: z.string(),
  added: z.array(z.object({ ...itemRef, assignee: person, due: day, blocks: z.array(z.string()) })),
  /** Items the new record no longer plans: their tickets are labelled descoped, never deleted. */
  removed: z.array(z.object({ ...itemRef, why: z.string() })),
  changed: z.array(itemChange),
  milestones: z.array(z.object({ id: z.string(), name: z.string(), ...move(day) })),
  /** Scope lines that appeared, disappeared, or moved between included / excluded / change control. */
  scope: z.array(z.object({ text: z.string(), ...move(scopeList.nullable()) })),
  exclusions: z.array(
    z.discriminatedUnion('change', [
      z.object({ promiseId: z.string(), title: z.string(), change: z.literal('excluded'), reason: z.string() }),
      z.object({ promiseId: z.string(), title: z.string(), change: z.literal('re-included') }),
    ]),
  ),
  owners: z.array(z.object({ role: z.string(), ...move(person) })),
  /** Every top-level record field whose value changed (`promises`, `outcome`, `deal`…). */
  fields: z.array(z.string()),
});

export type ChangeSet = z.infer<typeof changeSetSchema>;
export type ItemChange = ChangeSet['changed'][number];
export type AddedItem = ChangeSet['added'][number];
export type RemovedItem = ChangeSet['removed'][number];
export type MilestoneMove = ChangeSet['milestones'][number];
export type ScopeMove = ChangeSet['scope'][number];
export type ExclusionChange = ChangeSet['exclusions'][number];
export type OwnerChange = ChangeSet['owners'][number];
export type Move<T> = { from: T; to: T };

/** Nothing to propose: the two records are the same. */
export function isEmptyChange(change: ChangeSet): boolean {
  return change.baseRecordHash === change.proposedRecordHash;
}

/** Item ids of existing tickets the change touches: each is linked to the change request. */
export function affectedItemIds(change: ChangeSet): string[] {
  return [...change.changed.map((c) => c.itemId), ...change.removed.map((r) => r.itemId)];
}
