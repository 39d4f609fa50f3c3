import type { PlanItemKind } from '../../domain/plan/plan-types';
import { itemIdOf } from '../../domain/plan/plan-items';
import { buildPlan } from '../../domain/plan/plan';
import type { PlanTarget } from '../../domain/plan/plan-types';
import { PEOPLE_ROLES, type HandoffRecord } from '../../domain/record/record';
import type { IssueStatus } from '../resolvers/issue-statuses';
import type { LoggedChange } from './change-log';

type Kind = Exclude<PlanItemKind, 'parent'>;

/** Where something was promised, as the record says it: what the answer cites. */
export type SourceFact = {
  kind: string;
  url: string | null;
  section: string | null;
  at: string | null;
  note: string | null;
};

/** The change request that took an item out of the plan, and why — the words its proposer gave or the record says. */
export type Descoping = {
  change: string;
  url: string;
  reason: string;
  appliedAt: string | null;
  appliedBy: string | null;
};

/**
 * One promise (or dependency, risk, question) as the agent answers about it, every fact with
 * where it comes from: `path` is its place in the record, `source` where sales promised it,
 * `ticket` its Jira issue, `descoped` the change that took it out.
 */
export type ItemFact = {
  id: string;
  kind: Kind;
  path: string | null;
  title: string;
  detail: string | null;
  /**
   * `excluded`: in the record and not planned, for `excludedBecause` (a promise excluded, a question
   * answered, a risk accepted); `descoped`: a change took it out of the record.
   */
  status: 'planned' | 'excluded' | 'descoped';
  /** The owner's e-mail as the plan assigns it, and the record's role when the owner is one. */
  owner: string | null;
  ownerRole: string | null;
  /** The due date, resolved (`kickoff+10bd` → a day). */
  due: string | null;
  source: SourceFact | null;
  excludedBecause: string | null;
  descoped: Descoping | null;
  ticket: { key: string; url: string; status: string | null } | null;
};

type Tracked = { id: string; title: string; detail?: string; owner?: string; due?: string };

/**
 * Every item of the record as a fact, then every item an applied change took out of the record
 * altogether (it has no path any more; its change says what it was). An item a change descoped
 * and a later one brought back is planned, and says so.
 */
export function itemFacts(
  record: HandoffRecord,
  statuses: Readonly<Record<string, IssueStatus>>,
  changes: readonly LoggedChange[],
  tracked: { target: PlanTarget; itemUrl: (key: string) => string },
): ItemFact[] {
  // The plan of the tracker the record goes to: which items it has and their owners and dates.
  const plan = buildPlan(record, { target: tracked.target });
  const planned = new Map(plan.items.map((i) => [i.itemId, i]));
  const descoped = descopings(changes);
  const ticketOf = (itemId: string) => {
    const found = statuses[itemId];
    return found ? { key: found.key, url: tracked.itemUrl(found.key), status: found.status?.name ?? null } : null;
  };
  const factOf = (kind: Kind, path: string, t: Tracked, extra: Partial<ItemFact> = {}): ItemFact => {
    const itemId = itemIdOf(record.id, kind, t.id);
    const item = planned.get(itemId);
    const excludedBecause = extra.excludedBecause ?? null;
    return {
      id: t.id,
      kind,
      path,
      title: t.title,
      detail: t.detail ?? null,
      // Only a promise excluded, a question answered or a risk accepted is in the record and not planned.
      status: item ? 'planned' : 'excluded',
      owner: item?.assignee ?? null,
      ownerRole: PEOPLE_ROLES.find((role) => role === t.owner) ?? null,
      due: item?.due ?? null,
      source: null,
      excludedBecause,
      descoped: item ? null : (descoped.get(itemId)?.descoping ?? null),
      ticket: ticketOf(itemId),
      ...extra,
    };
  };
  const inRecord = [
    ...(record.promises ?? []).map((p, i) =>
      factOf('promise', `promises[${i}]`, p, {
        source: p.source
          ? {
              kind: p.source.kind,
              url: p.source.url ?? null,
              section: p.source.section ?? null,
              at: p.source.at ?? null,
              note: p.source.note ?? null,
            }
          : null,
        excludedBecause: p.excluded ?? null,
      }),
    ),
    ...(record.dependencies ?? []).map((d, i) => factOf('dependency', `dependencies[${i}]`, d)),
    ...(record.risks ?? []).map((r, i) =>
      factOf('risk', `risks[${i}]`, r, { excludedBecause: r.accepted ? `accepted: ${r.accepted}` : null }),
    ),
    ...(record.questions ?? []).map((q, i) =>
      factOf('question', `questions[${i}]`, q, { excludedBecause: q.answer ? `answered: ${q.answer}` : null }),
    ),
  ];
  const known = new Set(inRecord.map((f) => itemIdOf(record.id, f.kind, f.id)));
  const gone = [...descoped]
    .filter(([itemId]) => !known.has(itemId))
    .map(([itemId, { kind, summary, descoping }]): ItemFact => ({
      id: itemId.split('/').at(-1) ?? itemId,
      kind,
      path: null,
      title: summary,
      detail: null,
      status: 'descoped',
      owner: null,
      ownerRole: null,
      due: null,
      source: null,
      excludedBecause: null,
      descoped: descoping,
      ticket: ticketOf(itemId),
    }));
  return [...inRecord, ...gone];
}

/** Item id → the last applied change that removed it from the plan (changes come newest first). */
function descopings(changes: readonly LoggedChange[]) {
  const found = new Map<string, { kind: Kind; summary: string; descoping: Descoping }>();
  for (const logged of changes) {
    if (logged.status !== 'applied' || !logged.change) continue;
    const applied = logged.events.find((e) => e.action === 'applied');
    for (const removed of logged.change.removed) {
      if (removed.kind === 'parent' || found.has(removed.itemId)) continue;
      found.set(removed.itemId, {
        kind: removed.kind,
        summary: removed.summary,
        descoping: {
          change: logged.key,
          url: logged.url,
          reason: removed.why,
          appliedAt: applied?.at ?? null,
          appliedBy: applied?.by ?? null,
        },
      });
    }
  }
  return found;
}
