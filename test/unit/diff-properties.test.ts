import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChangeSet } from '../../src/domain/change/change-set';
import { diffRecords } from '../../src/domain/change/diff';
import { buildPlan, type Plan } from '../../src/domain/plan/plan';
import type { HandoffRecord } from '../../src/domain/record/record';
import { aDependency, aPromise, aRecord, parse, type PromiseInput, type RecordInput } from '../builders/record';

/**
 * Properties of the diff over generated edits of a record: a record diffed with itself is
 * empty; the same two records always give the same change; and replaying a change on the old
 * plan's tickets gives exactly the new plan's — so applying a change, then diffing again, is
 * empty.
 */

const OPTIONS = { target: 'jira', today: '2026-12-01' } as const;
const OWNERS = ['delivery-owner', 'comms-owner', 'escalation'];

/** A record with a few promises and a dependency blocking some of them. */
const baseRecord: fc.Arbitrary<RecordInput> = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 5 }))
  .map(([n, blocked]) => {
    const promises = Array.from({ length: n }, (_, i) =>
      aPromise({ id: `p${i}`, title: `Promise ${i}`, owner: OWNERS[i % 3], due: `kickoff+${5 + i}bd` }),
    );
    return aRecord({ promises, dependencies: [aDependency({ blocks: promises.slice(0, blocked).map((p) => p.id) })] });
  });

type Edit = (r: RecordInput) => void;
/** Changes the i-th promise still planned (an excluded one takes no owner or date). */
const onPromise =
  (i: number, change: (p: PromiseInput) => void): Edit =>
  (r) => {
    const planned = r.promises?.filter((p) => !p.excluded) ?? [];
    const p = planned[i % Math.max(1, planned.length)];
    if (p) change(p);
  };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 40 })).map(([i, days]) =>
    onPromise(i, (p) => {
      p.due = `kickoff+${days}bd`;
    }),
  ),
  fc.tuple(fc.nat(), fc.constantFrom(...OWNERS)).map(([i, owner]) =>
    onPromise(i, (p) => {
      p.owner = owner;
    }),
  ),
  fc
    .tuple(
      fc.nat(),
      fc.string({ minLength: 1, maxLength: 12 }).filter((t) => t.trim().length > 0),
    )
    .map(([i, title]) =>
      onPromise(i, (p) => {
        p.title = title;
      }),
    ),
  fc.nat().map((i) => onPromise(i, (p) => Object.assign(p, { excluded: 'Dropped', owner: undefined, due: undefined }))),
  fc.nat().map((i): Edit => (r) => {
    const dropped = r.promises?.[i % Math.max(1, r.promises.length)]?.id;
    r.promises = r.promises?.filter((p) => p.id !== dropped);
    r.dependencies = r.dependencies?.map((d) => ({ ...d, blocks: d.blocks?.filter((b) => b !== dropped) }));
  }),
  fc.integer({ min: 1, max: 30 }).map((days): Edit => (r) => {
    if (!r.promises?.some((p) => p.id === `new-${days}`))
      r.promises = [
        ...(r.promises ?? []),
        aPromise({ id: `new-${days}`, title: `New ${days}`, due: `kickoff+${days}bd` }),
      ];
  }),
  fc.nat().map((i): Edit => (r) => {
    r.dependencies = r.dependencies?.map((d) => ({
      ...d,
      blocks: r.promises
        ?.slice(0, i % 4)
        .filter((p) => !p.excluded)
        .map((p) => p.id),
    }));
  }),
  fc.constant<Edit>((r) => {
    r.timeline = { ...r.timeline, goLive: '2027-03-01' };
  }),
);

const pair: fc.Arbitrary<[HandoffRecord, HandoffRecord]> = fc
  .tuple(baseRecord, fc.array(edit, { maxLength: 5 }))
  .map(([base, edits]) => {
    const proposed = structuredClone(base);
    for (const apply of edits) apply(proposed);
    return [parse(base), parse(proposed)];
  });

type Ticket = { summary: string; due: string | null; assignee: string | null; blocks: string[] };

/** What the tickets of a plan hold, by item id. */
function ticketsOf(plan: Plan): Map<string, Ticket> {
  return new Map(
    plan.items.map((i) => [
      i.itemId,
      { summary: i.summary, due: i.due, assignee: i.assignee, blocks: [...i.blocks].sort() },
    ]),
  );
}

/** The change replayed on tickets: what an apply does, as data. */
function replay(tickets: Map<string, Ticket>, change: ChangeSet): Map<string, Ticket> {
  const next = new Map([...tickets].map(([id, t]) => [id, { ...t, blocks: [...t.blocks] }]));
  for (const r of change.removed) next.delete(r.itemId);
  for (const c of change.changed) {
    const t = next.get(c.itemId);
    if (!t) throw new Error(`changed item ${c.itemId} has no ticket`);
    if (c.summaryChange) t.summary = c.summaryChange.to;
    if (c.due) t.due = c.due.to;
    if (c.assignee) t.assignee = c.assignee.to;
    t.blocks = [...t.blocks.filter((b) => !c.blocksRemoved.includes(b)), ...c.blocksAdded].sort();
  }
  for (const a of change.added)
    next.set(a.itemId, { summary: a.summary, due: a.due, assignee: a.assignee, blocks: [...a.blocks].sort() });
  return next;
}

describe('diffRecords, over generated edits', () => {
  it('a record diffed with itself is empty', () => {
    fc.assert(
      fc.property(pair, ([base]) => {
        const change = diffRecords(base, base, OPTIONS);
        expect([change.added, change.removed, change.changed, change.fields]).toEqual([[], [], [], []]);
      }),
      { numRuns: 100 },
    );
  });

  it('is deterministic: the same two records give the same change and id', () => {
    fc.assert(
      fc.property(pair, ([base, proposed]) => {
        expect(diffRecords(base, proposed, OPTIONS)).toEqual(
          diffRecords(structuredClone(base), structuredClone(proposed), OPTIONS),
        );
      }),
      { numRuns: 100 },
    );
  });

  it('replaying the change on the old tickets gives the new plan, and diffing again after it is empty', () => {
    fc.assert(
      fc.property(pair, ([base, proposed]) => {
        const change = diffRecords(base, proposed, OPTIONS);
        const after = replay(ticketsOf(buildPlan(base, OPTIONS)), change);
        expect(after).toEqual(ticketsOf(buildPlan(proposed, OPTIONS)));
        const again = diffRecords(proposed, proposed, OPTIONS);
        expect([again.added, again.removed, again.changed]).toEqual([[], [], []]);
      }),
      { numRuns: 200 },
    );
  });
});
