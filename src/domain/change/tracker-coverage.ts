import { coverage, type PromiseCoverage } from '../plan/coverage';
import type { Plan, PlanExclusion, PlanItemKind } from '../plan/plan-types';
import type { HandoffRecord } from '../record/record';

/** A ticket the tracker holds for the record, as its search found it. */
export type FoundTicket = { itemId: string; key: string; descoped: boolean };

/**
 * Coverage both ways, kept true through changes: every promise against the record's plan
 * (planned, excluded, unowned, missing) and against the tracker (its ticket, or none), every
 * ticket of the record against the plan (a ticket no current item accounts for is work
 * nobody promised — unless a change descoped it), and every exclusion with its reason.
 */
export type TwoWayCoverage = {
  recordId: string;
  complete: boolean;
  promises: Array<PromiseCoverage & { ticket: string | null }>;
  /** Planned items (of any kind) the tracker has no ticket for. */
  withoutTicket: Array<{ itemId: string; kind: PlanItemKind; summary: string }>;
  /** Tickets of the record whose item the current plan does not have. */
  withoutPromise: FoundTicket[];
  exclusions: PlanExclusion[];
};

export function twoWayCoverage(record: HandoffRecord, plan: Plan, tickets: readonly FoundTicket[]): TwoWayCoverage {
  const byItem = new Map(tickets.map((t) => [t.itemId, t]));
  const planned = new Set(plan.items.map((i) => i.itemId));
  const promises = coverage(record, plan).promises.map((p) => ({
    ...p,
    ticket: 'itemId' in p ? (byItem.get(p.itemId)?.key ?? null) : null,
  }));
  const withoutTicket = plan.items
    .filter((i) => !byItem.has(i.itemId))
    .map((i) => ({ itemId: i.itemId, kind: i.kind, summary: i.summary }));
  const withoutPromise = tickets.filter((t) => !planned.has(t.itemId));
  const complete =
    promises.every((p) => p.status === 'planned' || p.status === 'excluded') &&
    withoutTicket.length === 0 &&
    withoutPromise.every((t) => t.descoped);
  return { recordId: record.id, complete, promises, withoutTicket, withoutPromise, exclusions: [...plan.exclusions] };
}
