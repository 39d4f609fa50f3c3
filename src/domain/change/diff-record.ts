import { hash } from 'ohash';
import type { ExclusionChange, MilestoneMove, OwnerChange, ScopeList, ScopeMove } from './change-set';
import type { Plan } from '../plan/plan-types';
import { PEOPLE_ROLES, type HandoffRecord } from '../record/record';

type RecordLevel = {
  milestones: MilestoneMove[];
  scope: ScopeMove[];
  exclusions: ExclusionChange[];
  owners: OwnerChange[];
  fields: string[];
};

/**
 * The record-level side of a change, which explains the ticket-level one: scope lines moving
 * between included / excluded / change control, promises newly excluded or taken back in,
 * milestone dates, the people behind each role, and which top-level fields changed at all.
 */
export function recordLevelChanges(
  base: HandoffRecord,
  proposed: HandoffRecord,
  before: Plan,
  after: Plan,
): RecordLevel {
  return {
    milestones: milestoneMoves(before, after),
    scope: scopeMoves(base, proposed),
    exclusions: exclusionChanges(base, proposed),
    owners: PEOPLE_ROLES.flatMap((role): OwnerChange[] => {
      const from = base.people?.[role] ?? null;
      const to = proposed.people?.[role] ?? null;
      return from === to ? [] : [{ role, from, to }];
    }),
    fields: changedFields(base, proposed),
  };
}

const SCOPE_LISTS: readonly ScopeList[] = ['included', 'excluded', 'changeControl'];

function scopeMoves(base: HandoffRecord, proposed: HandoffRecord): ScopeMove[] {
  const where = (record: HandoffRecord, line: string): ScopeList | null =>
    SCOPE_LISTS.find((list) => record.scope?.[list]?.includes(line)) ?? null;
  const lines = (record: HandoffRecord) => SCOPE_LISTS.flatMap((list) => record.scope?.[list] ?? []);
  return [...new Set([...lines(proposed), ...lines(base)])].flatMap((line) => {
    const from = where(base, line);
    const to = where(proposed, line);
    return from === to ? [] : [{ text: line, from, to }];
  });
}

function exclusionChanges(base: HandoffRecord, proposed: HandoffRecord): ExclusionChange[] {
  return (proposed.promises ?? []).flatMap((p): ExclusionChange[] => {
    const was = base.promises?.find((b) => b.id === p.id);
    if (p.excluded && !was?.excluded)
      return [{ promiseId: p.id, title: p.title, change: 'excluded', reason: p.excluded }];
    if (!p.excluded && was?.excluded) return [{ promiseId: p.id, title: p.title, change: 're-included' }];
    return [];
  });
}

function milestoneMoves(before: Plan, after: Plan): MilestoneMove[] {
  const was = new Map(before.milestones.map((m) => [m.id, m]));
  const moves: MilestoneMove[] = after.milestones.flatMap((m) => {
    const from = was.has(m.id) ? (was.get(m.id)?.due ?? null) : null;
    return was.has(m.id) && from === m.due ? [] : [{ id: m.id, name: m.name, from, to: m.due }];
  });
  const gone = before.milestones
    .filter((m) => !after.milestones.some((a) => a.id === m.id))
    .map((m) => ({ id: m.id, name: m.name, from: m.due, to: null }));
  return [...moves, ...gone];
}

function changedFields(base: HandoffRecord, proposed: HandoffRecord): string[] {
  const [was, now] = [contentOf(base), contentOf(proposed)];
  return [...new Set([...Object.keys(was), ...Object.keys(now)])]
    .filter((key) => hash(was[key]) !== hash(now[key]))
    .sort();
}

/** A record's content hash: the same record written in another key order hashes the same. */
export function recordHash(record: HandoffRecord): string {
  return hash(contentOf(record));
}

/** The record's fields without `$schema`, which is an editor's hint, not content. */
function contentOf(record: HandoffRecord): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([key, value]) => key !== '$schema' && value !== undefined));
}
