import { hash } from 'ohash';
import type { HandoffRecord } from './record.ts';
import type { Plan, PlanExclusion, PlanItem, PlanTarget } from './plan-types.ts';
import { resolveTimeline } from './timeline.ts';
import { formatIsoDay } from './calendar.ts';
import { dependencyItem, itemIdOf, parentItem, promiseItem, questionItem, riskItem, type ItemContext } from './plan-items.ts';

export type * from './plan-types.ts';

export type PlanOptions = { target: PlanTarget; today: string };

/** Jira rejects summaries over 255 characters; Asana has no such limit. */
const SUMMARY_LIMIT: Record<PlanTarget, number> = { jira: 255, asana: Number.POSITIVE_INFINITY };

/**
 * The record → the items a tracker should hold. Pure and deterministic: the same record and
 * options always give the same plan, so it can be previewed, diffed and applied later.
 * `today` is accepted so that later rules about the present need no new signature.
 */
export function buildPlan(record: HandoffRecord, options: PlanOptions): Plan {
  const { timeline } = resolveTimeline(record);
  const ctx: ItemContext = { record, timeline, parentId: itemIdOf(record.id, 'parent', record.id) };
  const items: PlanItem[] = [
    parentItem(ctx),
    ...blockersFirst(record).map(({ d, i }) => dependencyItem(ctx, d, i)),
    ...(record.promises ?? []).flatMap((p, i) => (p.excluded ? [] : [promiseItem(ctx, p, i)])),
    ...(record.questions ?? []).flatMap((q, i) => (q.answer ? [] : [questionItem(ctx, q, i)])),
    ...(record.risks ?? []).flatMap((r, i) => (r.accepted ? [] : [riskItem(ctx, r, i)])),
  ].map((item) => ({ ...item, summary: truncate(item.summary, SUMMARY_LIMIT[options.target]) }));
  linkBlocks(record, items);
  const exclusions: PlanExclusion[] = (record.promises ?? []).flatMap((p, i) => p.excluded
    ? [{ itemId: itemIdOf(record.id, 'promise', p.id), recordPath: `promises[${i}]`, title: p.title, reason: p.excluded }]
    : []);
  const milestones = (record.timeline?.milestones ?? []).map((m) => {
    const day = timeline.anchors.get(m.id) ?? null;
    return { id: m.id, name: m.name, due: day === null ? null : formatIsoDay(day) };
  });
  const body = { items, exclusions, milestones };
  return { version: 1, recordId: record.id, title: record.title, target: options.target, hash: hash(body), ...body };
}

/** A dependency blocks promises and dependencies by id, and a milestone's promises through it. */
function linkBlocks(record: HandoffRecord, items: PlanItem[]): void {
  const byItemId = new Map(items.map((item) => [item.itemId, item]));
  for (const d of record.dependencies ?? []) {
    const item = byItemId.get(itemIdOf(record.id, 'dependency', d.id));
    if (!item) continue;
    const targets = (d.blocks ?? []).flatMap((id) => {
      const direct = [itemIdOf(record.id, 'promise', id), itemIdOf(record.id, 'dependency', id)].filter((t) => byItemId.has(t));
      if (direct.length) return direct;
      return items.filter((i) => i.kind === 'promise' && i.milestone === id).map((i) => i.itemId);
    });
    item.blocks = [...new Set(targets)];
  }
}

/** Dependencies ordered so that one is created before those it blocks (stable otherwise). */
function blockersFirst(record: HandoffRecord) {
  const entries = (record.dependencies ?? []).map((d, i) => ({ d, i }));
  const blockedBy = new Map(entries.map(({ d }) => [d.id, entries.filter((e) => e.d.blocks?.includes(d.id)).map((e) => e.d.id)]));
  const placed = new Set<string>();
  const ordered: typeof entries = [];
  // References are acyclic (checked when the record is read), so every pass places at least one.
  while (ordered.length < entries.length) {
    for (const entry of entries) {
      if (placed.has(entry.d.id) || !(blockedBy.get(entry.d.id) ?? []).every((id) => placed.has(id))) continue;
      placed.add(entry.d.id);
      ordered.push(entry);
    }
  }
  return ordered;
}

function truncate(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
