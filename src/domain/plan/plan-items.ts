import type { HandoffRecord, HandoffPromise, Dependency, Risk, Question } from '../record/record';
import type { Description, DescriptionFact, PlanItem, PlanItemKind } from './plan-types';
import { assigneeRef, ownerEmail, personName } from '../record/people';
import { formatIsoDay } from '../dates/calendar';
import { resolveDate, type Timeline } from '../dates/timeline';
import { FULL_TITLE, summaryLine } from './tracker-limits';

/** What every item of one record shares: where it hangs and how dates resolve. */
export type ItemContext = {
  record: HandoffRecord;
  timeline: Timeline;
  parentId: string;
  /** `recordLabel(record.id)`, made once for every item. */
  recordLabel: string;
  summaryLimit: number;
  handoff: Description['handoff'];
};

export const itemIdOf = (recordId: string, kind: PlanItemKind, id: string) => `${recordId}/${kind}/${id}`;

type ItemFields = {
  kind: PlanItemKind;
  id: string;
  recordPath: string;
  summary: string;
  due: string | undefined;
  detail: string | undefined;
  facts: DescriptionFact[];
  source?: Description['source'];
  assignee: string | null;
  assigneePath: string | null;
  labels: string[];
  blocks?: string[];
  milestone?: string | undefined;
  group: string;
};

/**
 * The label every item of a record carries: how trackers find a record's items, since labels
 * need no installed app to be searchable (Jira entity properties do).
 */
export const recordLabel = (recordId: string): string => `handoff-${recordId}`;

// Items are written out property by property rather than spread together: at 10,000 items
// object spread was the largest cost of planning (see bench/core.bench.ts).
function item(ctx: ItemContext, f: ItemFields): PlanItem {
  const day = f.due === undefined ? null : resolveDate(f.due, ctx.timeline);
  const { summary, cut } = summaryLine(f.summary, ctx.summaryLimit);
  // A cut summary is said by the gate; the whole title stays on the ticket, in its description.
  const facts = cut ? [{ label: FULL_TITLE, value: f.summary }, ...f.facts] : f.facts;
  return {
    itemId: itemIdOf(ctx.record.id, f.kind, f.id),
    kind: f.kind,
    recordPath: f.recordPath,
    summary,
    description: { detail: f.detail ?? null, source: f.source ?? null, facts, handoff: ctx.handoff },
    assignee: f.assignee,
    assigneePath: f.assignee ? f.assigneePath : null,
    due: day === null ? null : formatIsoDay(day),
    labels: ['handoff', ctx.recordLabel, ...f.labels],
    blocks: f.blocks ?? [],
    parent: f.kind === 'parent' ? null : ctx.parentId,
    milestone: f.milestone ?? null,
    group: f.group,
  };
}

/** Item groups other than milestones, in reading order. */
export const GROUPS = {
  promises: 'Promises',
  dependencies: 'Dependencies',
  questionsAndRisks: 'Questions & risks',
  handoff: 'Handoff',
} as const;

function sourceOf(p: HandoffPromise): Description['source'] {
  if (!p.source) return null;
  const { kind, section, at, note, url } = p.source;
  // Joined by hand, not through a filtered array: one per promise, and most name only their kind.
  let label = kind;
  if (section) label += ` · §${section}`;
  if (at) label += ` · at ${at}`;
  if (note) label += ` · ${note}`;
  return { label, url: url ?? null };
}

export function promiseItem(ctx: ItemContext, p: HandoffPromise, i: number): PlanItem {
  return item(ctx, {
    kind: 'promise',
    id: p.id,
    recordPath: `promises[${i}]`,
    summary: p.title,
    due: p.due,
    detail: p.detail,
    facts: p.milestone ? [{ label: 'Milestone', value: p.milestone }] : [],
    source: sourceOf(p),
    assignee: ownerEmail(ctx.record, p.owner),
    assigneePath: ownerPath(p.owner, `promises[${i}].owner`),
    labels: ['promise', ...(p.labels ?? [])],
    milestone: p.milestone,
    group: (p.milestone && ctx.record.timeline?.milestones?.find((m) => m.id === p.milestone)?.name) || GROUPS.promises,
  });
}

export function dependencyItem(ctx: ItemContext, d: Dependency, i: number, blocks: string[]): PlanItem {
  const facts: DescriptionFact[] = [{ label: 'Owned by', value: d.side }];
  const owner = ownerEmail(ctx.record, d.owner);
  if (d.side !== 'internal' && owner)
    facts.push({
      label: `${d.side === 'customer' ? 'Customer' : 'Vendor'} owner`,
      value: `${personName(ctx.record, owner)} <${owner}>`,
    });
  return item(ctx, {
    kind: 'dependency',
    id: d.id,
    recordPath: `dependencies[${i}]`,
    due: d.due,
    detail: d.detail,
    facts,
    summary: d.side === 'internal' ? d.title : `[${d.side}] ${d.title}`,
    assignee: ownerEmail(ctx.record, assigneeRef(d)),
    assigneePath:
      d.side === 'internal'
        ? ownerPath(d.owner, `dependencies[${i}].owner`)
        : ownerPath(assigneeRef(d), `dependencies[${i}].chaser`),
    labels: ['dependency', `${d.side}-dependency`],
    blocks,
    group: GROUPS.dependencies,
  });
}

export function riskItem(ctx: ItemContext, r: Risk, i: number): PlanItem {
  const facts: DescriptionFact[] = [{ label: 'Severity', value: r.severity }];
  if (r.mitigation) facts.push({ label: 'Mitigation', value: r.mitigation });
  return item(ctx, {
    kind: 'risk',
    id: r.id,
    recordPath: `risks[${i}]`,
    due: r.due,
    detail: r.detail,
    facts,
    summary: `Risk (${r.severity}): ${r.title}`,
    assignee: ownerEmail(ctx.record, r.owner),
    assigneePath: ownerPath(r.owner, `risks[${i}].owner`),
    labels: ['risk', `risk-${r.severity}`],
    group: GROUPS.questionsAndRisks,
  });
}

export function questionItem(ctx: ItemContext, q: Question, i: number): PlanItem {
  return item(ctx, {
    kind: 'question',
    id: q.id,
    recordPath: `questions[${i}]`,
    due: q.due,
    detail: q.detail,
    facts: [],
    summary: `Question: ${q.title}`,
    assignee: ownerEmail(ctx.record, q.owner),
    assigneePath: ownerPath(q.owner, `questions[${i}].owner`),
    labels: ['open-question'],
    group: GROUPS.questionsAndRisks,
  });
}

export function parentItem(ctx: ItemContext): PlanItem {
  const { record } = ctx;
  const facts: DescriptionFact[] = [{ label: 'Customer', value: record.customer.company }];
  if (record.deal?.purchased.length) facts.push({ label: 'Purchased', value: record.deal.purchased.join('; ') });
  if (record.scope?.included?.length) facts.push({ label: 'In scope', value: record.scope.included.join('; ') });
  if (record.scope?.excluded?.length) facts.push({ label: 'Out of scope', value: record.scope.excluded.join('; ') });
  return item(ctx, {
    kind: 'parent',
    id: record.id,
    recordPath: '',
    due: record.timeline?.goLive === undefined ? undefined : 'goLive',
    summary: `Handoff: ${record.title}`,
    detail: record.outcome?.why,
    facts,
    assignee: ownerEmail(record, 'delivery-owner'),
    assigneePath: 'people.delivery-owner',
    labels: [],
    group: GROUPS.handoff,
  });
}

/**
 * Where a person is named: a role points at `people.<role>` (change it there), an e-mail at
 * the field itself. A chaser left to its default names the comms owner.
 */
function ownerPath(ref: string | undefined, field: string): string {
  return ref && !ref.includes('@') ? `people.${ref}` : field;
}
