/**
 * The plan: plain JSON data computed from a record without I/O, previewed by the CLI and the
 * panel, and applied later by the provisioning engine. Nothing in it is tracker-specific
 * except `target`; adapters render the structured description as ADF or Markdown.
 */
export type PlanTarget = 'jira' | 'asana';
export type PlanItemKind = 'parent' | 'promise' | 'dependency' | 'question' | 'risk';

export type DescriptionFact = { label: string; value: string; url?: string };

export type Description = {
  detail: string | null;
  /** Where it was promised, as a link a delivery lead can follow. */
  source: { label: string; url: string | null } | null;
  facts: DescriptionFact[];
  handoff: { recordId: string; title: string };
};

/** Plans are shared (see buildPlan's cache) and never changed once built: every field is readonly. */
export type PlanItem = Readonly<{
  /** `<recordId>/<kind>/<id>`: stable across runs, stored on the created issue. */
  itemId: string;
  kind: PlanItemKind;
  /** Where in the record this item comes from, e.g. `promises[0]`. */
  recordPath: string;
  summary: string;
  description: Description;
  /** E-mail; adapters resolve it to an account id or user gid. */
  assignee: string | null;
  /** The record field the assignee comes from (`promises[0].owner`, `people.comms-owner`…). */
  assigneePath: string | null;
  due: string | null;
  labels: readonly string[];
  /** itemIds this item must finish before (Jira "blocks"; Asana dependents). */
  blocks: readonly string[];
  parent: string | null;
  milestone: string | null;
  /**
   * Where the item sits under its parent, by name: the milestone, "Dependencies", "Questions & risks" (Asana sections).
   */
  group: string;
}>;

export type PlanExclusion = { itemId: string; recordPath: string; title: string; reason: string };
export type PlanMilestone = { id: string; name: string; due: string | null };

export type Plan = Readonly<{
  version: 1;
  recordId: string;
  title: string;
  target: PlanTarget;
  /** Content hash of the items: a change of plan is visible on every issue it made. */
  hash: string;
  items: readonly PlanItem[];
  exclusions: readonly PlanExclusion[];
  milestones: readonly PlanMilestone[];
  /** Every item group, in the order a person reads them. */
  groups: readonly string[];
}>;
