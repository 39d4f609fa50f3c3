import { digest } from 'ohash';
import type { HandoffRecord } from '../record/record';
import type { Plan, PlanExclusion, PlanItem, PlanTarget } from './plan-types';
import { resolveTimeline } from '../dates/timeline';
import { formatIsoDay } from '../dates/calendar';
import { JIRA_SUMMARY_LIMIT } from './tracker-limits';
import {
  dependencyItem,
  GROUPS,
  itemIdOf,
  parentItem,
  recordLabel,
  promiseItem,
  questionItem,
  riskItem,
  type ItemContext,
} from './plan-items';

export type * from './plan-types';

export type PlanOptions = { target: PlanTarget };

/** Jira rejects summaries over 255 characters; Asana has no such limit. */
const SUMMARY_LIMIT: Record<PlanTarget, number> = { jira: JIRA_SUMMARY_LIMIT, asana: Number.POSITIVE_INFINITY };

/**
 * The record → the items a tracker should hold. Pure and deterministic: the same record and
 * options always give the same plan, so it can be previewed, diffed and applied later.
 */
export function buildPlan(record: HandoffRecord, options: PlanOptions): Plan {
  // The gate (coverage), the summary and the CLI each ask for the plan of the same record; a
  // record is never mutated once read, so one computation per record and target serves all.
  const key = options.target;
  const plans = planCache.get(record) ?? new Map<string, Plan>();
  planCache.set(record, plans);
  const plan = plans.get(key) ?? computePlan(record, options);
  plans.set(key, plan);
  return plan;
}

const planCache = new WeakMap<HandoffRecord, Map<string, Plan>>();

function computePlan(record: HandoffRecord, options: PlanOptions): Plan {
  const { timeline } = resolveTimeline(record);
  const ctx: ItemContext = {
    record,
    timeline,
    parentId: itemIdOf(record.id, 'parent', record.id),
    recordLabel: recordLabel(record.id),
    summaryLimit: SUMMARY_LIMIT[options.target],
    handoff: { recordId: record.id, title: record.title },
  };
  const blocks = blockedItems(record);
  const items: PlanItem[] = [
    parentItem(ctx),
    ...blockersFirst(record).map(({ d, i }) => dependencyItem(ctx, d, i, blocks.get(d.id) ?? [])),
    ...(record.promises ?? []).flatMap((p, i) => (p.excluded ? [] : [promiseItem(ctx, p, i)])),
    ...(record.questions ?? []).flatMap((q, i) => (q.answer ? [] : [questionItem(ctx, q, i)])),
    ...(record.risks ?? []).flatMap((r, i) => (r.accepted ? [] : [riskItem(ctx, r, i)])),
  ];
  const exclusions: PlanExclusion[] = (record.promises ?? []).flatMap((p, i) =>
    p.excluded
      ? [
          {
            itemId: itemIdOf(record.id, 'promise', p.id),
            recordPath: `promises[${i}]`,
            title: p.title,
            reason: p.excluded,
          },
        ]
      : [],
  );
  const milestones = (record.timeline?.milestones ?? []).map((m) => {
    const day = timeline.anchors.get(m.id) ?? null;
    return { id: m.id, name: m.name, due: day === null ? null : formatIsoDay(day) };
  });
  const body = { items, exclusions, milestones, groups: groupsOf(record, items) };
  let hash: string | undefined;
  return {
    version: 1,
    recordId: record.id,
    title: record.title,
    target: options.target,
    // Made when first read (provisioning, a change, a journal), not for the gate, which asks for the
    // plan on every edit and never reads it: at 10,000 items it is megabytes of JSON to hash.
    // Objects are built in a fixed key order, so the JSON text is canonical for the same record.
    get hash() {
      hash ??= digest(JSON.stringify(body));
      return hash;
    },
    ...body,
  };
}

/** A dependency blocks promises and dependencies by id, and a milestone's planned promises through it. */
function blockedItems(record: HandoffRecord): Map<string, string[]> {
  const planned = new Set((record.promises ?? []).filter((p) => !p.excluded).map((p) => p.id));
  const dependencies = new Set((record.dependencies ?? []).map((d) => d.id));
  const byMilestone = new Map<string, string[]>();
  for (const p of record.promises ?? []) {
    if (!p.milestone || !planned.has(p.id)) continue;
    const group = byMilestone.get(p.milestone) ?? [];
    group.push(itemIdOf(record.id, 'promise', p.id));
    byMilestone.set(p.milestone, group);
  }
  const targetsOf = (id: string): string[] => {
    if (planned.has(id)) return [itemIdOf(record.id, 'promise', id)];
    if (dependencies.has(id)) return [itemIdOf(record.id, 'dependency', id)];
    return byMilestone.get(id) ?? [];
  };
  // Most dependencies block one or two things: a set is only made where a repeat is possible.
  const targets = (blocks: readonly string[]) => {
    const all = blocks.flatMap(targetsOf);
    return all.length < 2 ? all : [...new Set(all)];
  };
  return new Map((record.dependencies ?? []).map((d) => [d.id, targets(d.blocks ?? [])]));
}

/** Milestones first (in timeline order, as the items name them), then the fixed groups. */
function groupsOf(record: HandoffRecord, items: readonly PlanItem[]): string[] {
  const used = new Set(items.filter((i) => i.kind !== 'parent').map((i) => i.group));
  const milestones = (record.timeline?.milestones ?? []).map((m) => m.name);
  return [...new Set([...milestones, GROUPS.promises, GROUPS.dependencies, GROUPS.questionsAndRisks])].filter((g) =>
    used.has(g),
  );
}

/** Dependencies ordered so that each is created before those it blocks (Kahn's algorithm, stable). */
function blockersFirst(record: HandoffRecord) {
  const entries = (record.dependencies ?? []).map((d, i) => ({ d, i }));
  const waitingOn = new Map(entries.map(({ d }) => [d.id, 0]));
  for (const { d } of entries) {
    for (const target of d.blocks ?? [])
      if (waitingOn.has(target)) waitingOn.set(target, (waitingOn.get(target) ?? 0) + 1);
  }
  const byId = new Map(entries.map((e) => [e.d.id, e]));
  const ready = entries.filter((e) => waitingOn.get(e.d.id) === 0);
  const ordered: typeof entries = [];
  // References are acyclic (checked when the record is read), so every dependency gets placed.
  for (let index = 0, next = ready[0]; next; index += 1, next = ready[index]) {
    ordered.push(next);
    for (const target of next.d.blocks ?? []) {
      const left = (waitingOn.get(target) ?? 0) - 1;
      waitingOn.set(target, left);
      const entry = byId.get(target);
      if (left === 0 && entry) ready.push(entry);
    }
  }
  return ordered;
}
