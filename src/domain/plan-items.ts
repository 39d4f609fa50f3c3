import type { HandoffRecord, HandoffPromise, Dependency, Risk, Question } from './record.ts';
import type { Description, DescriptionFact, PlanItem, PlanItemKind } from './plan-types.ts';
import { assigneeRef, ownerEmail, personName } from './people.ts';
import { formatIsoDay } from './calendar.ts';
import { resolveDate, type Timeline } from './timeline.ts';

/** What every item of one record shares: where it hangs and how dates resolve. */
export type ItemContext = { record: HandoffRecord; timeline: Timeline; parentId: string };

export const itemIdOf = (recordId: string, kind: PlanItemKind, id: string) => `${recordId}/${kind}/${id}`;

function base(ctx: ItemContext, kind: PlanItemKind, path: string, item: { id: string; due?: string | undefined }) {
  const day = item.due === undefined ? null : resolveDate(item.due, ctx.timeline);
  return {
    itemId: itemIdOf(ctx.record.id, kind, item.id),
    kind,
    recordPath: path,
    due: day === null ? null : formatIsoDay(day),
    parent: ctx.parentId,
    blocks: [],
  };
}

function describe(ctx: ItemContext, detail: string | undefined, facts: DescriptionFact[], source?: Description['source']): Description {
  return {
    ...(detail ? { detail } : {}),
    ...(source ? { source } : {}),
    facts,
    handoff: { recordId: ctx.record.id, title: ctx.record.title },
  };
}

const labelsFor = (ctx: ItemContext, ...extra: string[]) => ['handoff', `handoff-${ctx.record.id}`, ...extra];

export function promiseItem(ctx: ItemContext, p: HandoffPromise, i: number): PlanItem {
  const sourceLabel = p.source && [p.source.kind, p.source.section && `§${p.source.section}`, p.source.at && `at ${p.source.at}`, p.source.note]
    .filter(Boolean).join(' · ');
  const facts: DescriptionFact[] = p.milestone ? [{ label: 'Milestone', value: p.milestone }] : [];
  return {
    ...base(ctx, 'promise', `promises[${i}]`, p),
    summary: p.title,
    description: describe(ctx, p.detail, facts, p.source && { label: sourceLabel || p.source.kind, ...(p.source.url ? { url: p.source.url } : {}) }),
    assignee: ownerEmail(ctx.record, p.owner),
    labels: labelsFor(ctx, 'promise', ...(p.labels ?? [])),
    milestone: p.milestone ?? null,
  };
}

export function dependencyItem(ctx: ItemContext, d: Dependency, i: number): PlanItem {
  const facts: DescriptionFact[] = [{ label: 'Owned by', value: d.side }];
  const owner = ownerEmail(ctx.record, d.owner);
  if (d.side !== 'internal' && owner) facts.push({ label: `${d.side === 'customer' ? 'Customer' : 'Vendor'} owner`, value: `${personName(ctx.record, owner)} <${owner}>` });
  return {
    ...base(ctx, 'dependency', `dependencies[${i}]`, d),
    summary: d.side === 'internal' ? d.title : `[${d.side}] ${d.title}`,
    description: describe(ctx, d.detail, facts),
    assignee: ownerEmail(ctx.record, assigneeRef(d)),
    labels: labelsFor(ctx, 'dependency', `${d.side}-dependency`),
    milestone: null,
  };
}

export function riskItem(ctx: ItemContext, r: Risk, i: number): PlanItem {
  const facts: DescriptionFact[] = [{ label: 'Severity', value: r.severity }];
  if (r.mitigation) facts.push({ label: 'Mitigation', value: r.mitigation });
  return {
    ...base(ctx, 'risk', `risks[${i}]`, r),
    summary: `Risk (${r.severity}): ${r.title}`,
    description: describe(ctx, r.detail, facts),
    assignee: ownerEmail(ctx.record, r.owner),
    labels: labelsFor(ctx, 'risk', `risk-${r.severity}`),
    milestone: null,
  };
}

export function questionItem(ctx: ItemContext, q: Question, i: number): PlanItem {
  return {
    ...base(ctx, 'question', `questions[${i}]`, q),
    summary: `Question: ${q.title}`,
    description: describe(ctx, q.detail, []),
    assignee: ownerEmail(ctx.record, q.owner),
    labels: labelsFor(ctx, 'open-question'),
    milestone: null,
  };
}

export function parentItem(ctx: ItemContext): PlanItem {
  const { record } = ctx;
  const goLive = ctx.timeline.anchors.get('goLive') ?? null;
  const facts: DescriptionFact[] = [{ label: 'Customer', value: record.customer.company }];
  if (record.deal?.purchased.length) facts.push({ label: 'Purchased', value: record.deal.purchased.join('; ') });
  if (record.scope?.included?.length) facts.push({ label: 'In scope', value: record.scope.included.join('; ') });
  if (record.scope?.excluded?.length) facts.push({ label: 'Out of scope', value: record.scope.excluded.join('; ') });
  return {
    itemId: itemIdOf(record.id, 'parent', record.id),
    kind: 'parent',
    recordPath: '',
    summary: `Handoff: ${record.title}`,
    description: describe(ctx, record.outcome?.why, facts),
    assignee: ownerEmail(record, 'delivery-owner'),
    due: goLive === null ? null : formatIsoDay(goLive),
    labels: labelsFor(ctx),
    blocks: [],
    parent: null,
    milestone: null,
  };
}
