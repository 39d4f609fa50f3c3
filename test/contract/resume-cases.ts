import { ticketNoun } from '../../src/domain/words';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/domain/plan/plan';
import type { HandoffRecord } from '../../src/domain/record/record';
import { validateRecord } from '../../src/domain/record/read-record';
import { applyChange } from '../../src/usecases/change/apply';
import { approveChange } from '../../src/usecases/change/decide';
import { proposeChange } from '../../src/usecases/change/propose';
import { transferOwner } from '../../src/usecases/transfer-owner';
import { applyPlan } from '../../src/provision/engine';
import { assigneesOf, lookUpPeople } from '../../src/provision/people-directory';
import type { RetryPolicy } from '../../src/provision/retry';
import type { Tracker } from '../../src/provision/change-tracker';
import { TrackerError } from '../../src/provision/tracker-error';
import { paragraph, text } from '../../src/domain/rich-text';
import { memoryLedgers } from '../support/memory-ledgers';
import { around, counting, Killed, killAt } from '../support/kill-at';
import { ASSIGNEES, recordWith } from './plan-fixture';
import type { TrackerHarness } from './tracker-contract';
import { changeOptionsFor } from './change-cases';

const [DANA, COLE, TESS] = [ASSIGNEES[0] ?? '', ASSIGNEES[1] ?? '', ASSIGNEES[2] ?? ''];
const TODAY = '2027-01-04';
const APPLIED = /^Applied by /;
const TRANSFERRED = /open (issues?|tasks?) moved from/;

type Raw = Omit<ReturnType<typeof recordWith>, 'people'> & { people: Record<string, string> };

/** A generated record with these people (and owners from `assignees`). */
function fixture(
  id: string,
  size: { items: number; links: number },
  people: Record<string, string>,
  assignees = ASSIGNEES,
): Raw {
  return { ...recordWith({ id, ...size, assignees }), people };
}
const OWNERS = { 'delivery-owner': DANA, 'comms-owner': COLE, 'approval-owner': TESS };

function read(raw: Raw): HandoffRecord {
  const result = validateRecord(structuredClone(raw));
  if (!result.ok) throw new Error(`fixture: ${JSON.stringify(result.problems.slice(0, 2))}`);
  return result.value;
}

/**
 * The `n`-th change of a chain, each proposed from the record the one before left: p1 moves,
 * p2 changes owner, three promises are added — five tickets the change request relates to.
 */
function nextChange(raw: Raw, n: number): Raw {
  const next = structuredClone(raw);
  const [, p1, p2] = next.promises;
  Object.assign(p1 ?? {}, { due: `kickoff+${41 + n}bd` });
  Object.assign(p2 ?? {}, { owner: n % 2 ? TESS : COLE });
  for (const part of ['a', 'b', 'c'])
    next.promises.push({ id: `p-${n}${part}`, title: `Added by change ${n}`, owner: DANA, due: 'kickoff+15bd' });
  return next;
}

/** `tracker` as a tracker restarting from its `from`-th call on: every call fails as a network error. */
function restartingAt(tracker: Tracker, from: number): Tracker {
  let left = from;
  return around(tracker, async (operation, call) => {
    left -= 1;
    if (left < 0) throw new TrackerError({ tracker: tracker.name, operation, status: null, detail: 'fetch failed' });
    return call();
  });
}

/** A killed run's end: what the re-run is for. Anything else is a failure of the test. */
function unlessKilled(error: unknown): void {
  if (!(error instanceof Killed)) throw error;
}

/**
 * The kill points of a run of `total` calls: every one on the memory tracker; on an emulator,
 * to keep the file fast, the last `last` — where F2 and F3 struck (an apply's unlink, relate,
 * comment and outcome; a transfer's last moves and summary). The engine's own points are the
 * provisioning cases'.
 */
function killPoints(tracker: Tracker, total: number, last: number): number[] {
  const all = Array.from({ length: total }, (_, i) => i);
  return tracker.name === 'memory' ? all : all.slice(-last);
}

/**
 * Change apply and owner transfer finish what a killed run began: whatever point a run dies at
 * (before a call, or after the tracker acted on it), running it again leaves exactly what one
 * clean run leaves — every Relates link, one "applied" comment, one transfer summary listing
 * every ticket — and a tracker that stops answering mid-run gives a partial report, never a throw.
 */
export function resumeCases(ctx: { harness: () => TrackerHarness; slug: string; policy: () => RetryPolicy }): void {
  const ledgers = memoryLedgers();
  const options = changeOptionsFor(ctx.policy, ledgers);

  /** Provisions `raw` with the ledgers the later steps share. */
  const provision = async (raw: Raw) => {
    const h = ctx.harness();
    const plan = buildPlan(read(raw), { target: h.target });
    const report = await applyPlan(plan, h.tracker, {
      accounts: await lookUpPeople(h.tracker, assigneesOf(plan), ctx.policy()),
      policy: ctx.policy(),
      ledger: ledgers(plan.recordId),
    });
    expect(report.failed).toEqual([]);
  };

  /** Proposes `base` → `proposed` and has the approval owner approve it; returns its key. */
  const approved = async (base: Raw, proposed: Raw) => {
    const h = ctx.harness();
    const input = { base: read(base), proposed: read(proposed), target: h.target, today: TODAY };
    const result = await proposeChange(h.tracker, input, options());
    if (result.kind !== 'proposed') throw new Error(`not proposed: ${JSON.stringify(result)}`);
    expect(await approveChange(await h.trackerAs(TESS), result.key, options())).toMatchObject({ kind: 'approved' });
    return result.key;
  };

  /** What a change request ends with: its Relates links and applied comments, and whether it is recorded applied. */
  const outcome = async (key: string) => {
    const h = ctx.harness();
    const comments = await h.comments(key);
    return {
      related: [...(await h.tracker.readTrail(key)).related].sort(),
      applied: comments.filter((c) => APPLIED.test(c)).length,
      // Asana relates by a comment naming the tasks: none may be named twice.
      twice: comments
        .filter((c) => c.startsWith('Related tasks:'))
        .flatMap((c) => c.split('\n').filter((line) => line.startsWith('•')))
        .filter((line, i, all) => all.indexOf(line) !== i),
      recorded: (await h.tracker.readChangeRequest(key))?.state.outcome?.kind ?? null,
    };
  };

  describe('finishing what a killed run began', () => {
    it('reads back what an item is related to and its comments, oldest first, as the tracker shows them', async () => {
      const h = ctx.harness();
      const id = `${ctx.slug}-trail`;
      await provision(fixture(id, { items: 6, links: 1 }, OWNERS));
      const seen = await h.seen(id);
      const parent = seen.find((s) => s.itemId.includes('/parent/'))?.key ?? '';
      const [a, b] = seen.filter((s) => s.itemId.includes('/promise/')).map((s) => s.key);
      // As every use case does, the adapter searches first (Asana learns the parent's overview task there).
      await h.tracker.searchItems(id);
      expect(await h.tracker.readTrail(parent)).toMatchObject({ related: [] });
      await h.tracker.linkRelated(parent, [a ?? '']);
      await h.tracker.comment(parent, [paragraph(text('first [marker-1]'))]);
      await h.tracker.linkRelated(parent, [b ?? '']);
      await h.tracker.comment(parent, [paragraph(text('second'))]);
      const trail = await h.tracker.readTrail(parent);
      expect(trail.related.sort()).toEqual([a, b].sort());
      expect(trail.comments.filter((c) => !c.startsWith('Related tasks:'))).toEqual(
        (await h.comments(parent)).filter((c) => !c.startsWith('Related tasks:')),
      );
      expect(trail.comments.filter((c) => c === 'first [marker-1]' || c === 'second')).toEqual([
        'first [marker-1]',
        'second',
      ]);
    });

    const appliesOnce =
      'attack F2: an apply killed at any point, then run again, relates all 5 tickets and comments once';
    it(appliesOnce, async () => {
      const h = ctx.harness();
      let base = fixture(`${ctx.slug}-resume`, { items: 10, links: 2 }, OWNERS);
      await provision(base);
      let n = 0;
      /** Change `n` of the chain applied through `as` (which may kill the run), then run again. */
      const round = async (as: (tracker: Tracker) => Tracker, where: string) => {
        const proposed = nextChange(base, n);
        const key = await approved(base, proposed);
        await applyChange(as(h.tracker), key, options()).catch(unlessKilled);
        const midway = await outcome(key);
        // The comment is posted before the outcome is saved: recorded applied means commented.
        if (midway.recorded === 'applied') expect(midway.applied, where).toBe(1);
        const again = await applyChange(h.tracker, key, options());
        expect(again.kind === 'already-applied' || (again.kind === 'applied' && !again.failed.length), where).toBe(
          true,
        );
        const id = read(proposed).id;
        const seen = new Map((await h.seen(id)).map((s) => [s.itemId, s.key]));
        const tickets = ['p1', 'p2', `p-${n}a`, `p-${n}b`, `p-${n}c`].map((p) => seen.get(`${id}/promise/${p}`));
        expect(await outcome(key), where).toEqual({
          related: tickets.sort(),
          applied: 1,
          twice: [],
          recorded: 'applied',
        });
        base = proposed;
        n += 1;
      };
      const clean = counting(h.tracker);
      await round(() => clean.tracker, 'a clean run');
      for (const afterwards of [false, true])
        for (const limit of killPoints(h.tracker, clean.calls(), 6))
          await round((t) => killAt(t, limit, afterwards), `killed ${afterwards ? 'after' : 'before'} call ${limit}`);
    });

    const summarisesOnce =
      'attack F3: a transfer killed at any point, then run again, posts one summary of all 6 tickets';
    it(summarisesOnce, async () => {
      const h = ctx.harness();
      const dana = await h.addPerson(DANA);
      let n = 0;
      /** A record giving Dana six tickets, transferred to Cole through `as` (which may kill the run), then again. */
      const round = async (as: (tracker: Tracker) => Tracker, where: string) => {
        const id = `${ctx.slug}-handover-${n}`;
        n += 1;
        // Dana owns the parent and the five promises; Cole owns the dependency.
        const raw = fixture(id, { items: 6, links: 1 }, { 'delivery-owner': DANA }, [DANA]);
        Object.assign(raw.dependencies[0] ?? {}, { owner: COLE });
        await provision(raw);
        const tickets = (await h.seen(id)).filter((s) => s.assignee === dana).map((s) => s.key);
        const input = { record: read(raw), transfer: { from: DANA, to: COLE }, today: TODAY, target: h.target };
        const run = (tracker: Tracker) => transferOwner(tracker, input, { policy: ctx.policy(), ledger: ledgers });
        await run(as(h.tracker)).catch(unlessKilled);
        expect(await run(h.tracker), where).toMatchObject({ kind: 'transferred', failed: [] });
        const parent = (await h.seen(id)).find((s) => s.itemId.includes('/parent/'));
        const summaries = (await h.comments(parent?.key ?? '')).filter((c) => TRANSFERRED.test(c));
        expect(summaries, where).toHaveLength(1);
        expect(summaries[0], where).toContain(`6 open ${ticketNoun(h.target)}s moved from ${DANA} to ${COLE}`);
        for (const key of tickets) expect(summaries[0], where).toContain(key);
      };
      const clean = counting(h.tracker);
      await round(() => clean.tracker, 'a clean run');
      for (const afterwards of [false, true])
        for (const limit of killPoints(h.tracker, clean.calls(), 6))
          await round((t) => killAt(t, limit, afterwards), `killed ${afterwards ? 'after' : 'before'} call ${limit}`);
    });

    const partial = 'attack F2: a tracker that stops answering mid-apply gives a partial report; a re-run finishes';
    it(partial, async () => {
      const h = ctx.harness();
      let base = fixture(`${ctx.slug}-restart`, { items: 10, links: 2 }, OWNERS);
      await provision(base);
      let n = 0;
      /** Change `n` of the chain applied through `as`, then run again. */
      const round = async (as: (tracker: Tracker) => Tracker, from: number) => {
        const proposed = nextChange(base, n);
        n += 1;
        const key = await approved(base, proposed);
        const first = await applyChange(as(h.tracker), key, options());
        const where = `stopped answering from call ${from}`;
        // Stopped before it read the change request: refused, nothing done; else a partial report.
        if (from === 0)
          expect(first, where).toMatchObject({ kind: 'refused', reason: expect.stringContaining('fetch failed') });
        else if (first.kind === 'applied')
          for (const failure of first.failed) expect(failure.error, where).toContain('fetch failed');
        else throw new Error(`${where}: ${JSON.stringify(first)}`);
        const done = first.kind === 'applied' && !first.failed.length;
        expect(await applyChange(h.tracker, key, options()), where).toMatchObject(
          done ? { kind: 'already-applied' } : { kind: 'applied', failed: [] },
        );
        expect(await outcome(key), where).toMatchObject({ applied: 1, twice: [], recorded: 'applied' });
        expect((await outcome(key)).related, where).toHaveLength(5);
        base = proposed;
      };
      const clean = counting(h.tracker);
      await round(() => clean.tracker, Infinity);
      for (const from of [0, ...killPoints(h.tracker, clean.calls(), 3)])
        await round((t) => restartingAt(t, from), from);
    });
  });
}
