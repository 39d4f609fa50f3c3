import { beforeAll, describe, expect, it } from 'vitest';
import { counted, ticketNoun } from '../../src/domain/words';
import { buildPlan } from '../../src/domain/plan/plan';
import type { HandoffRecord } from '../../src/domain/record/record';
import { validateRecord } from '../../src/domain/record/read-record';
import { applyChange } from '../../src/usecases/change/apply';
import { approveChange, rejectChange } from '../../src/usecases/change/decide';
import { changeHistory } from '../../src/usecases/change/history';
import { proposeChange } from '../../src/usecases/change/propose';
import { coverageReport } from '../../src/usecases/coverage-report';
import { memoryLedgers } from '../support/memory-ledgers';
import { around } from '../support/kill-at';
import { signedSeals } from '../../src/usecases/change/signed-seals';
import { TEST_APPROVAL_KEY } from '../emulators/env';
import { applyPlan } from '../../src/provision/engine';
import { TrackerError } from '../../src/provision/tracker-error';
import { transferOwner } from '../../src/usecases/transfer-owner';
import { assigneesOf, lookUpPeople } from '../../src/provision/people-directory';
import type { RetryPolicy } from '../../src/provision/retry';
import type { LedgerFor } from '../../src/provision/ledger';
import { ASSIGNEES, recordWith } from './plan-fixture';
import type { TrackerHarness } from './tracker-contract';

export const [DANA, COLE, TESS] = [ASSIGNEES[0] ?? '', ASSIGNEES[1] ?? '', ASSIGNEES[2] ?? ''];
export const TODAY = '2027-01-04';

/**
 * What every change-control step of the contract passes: the CLI's ledgers (kept in files by
 * the CLI, in KVS by the Forge app) and its seals, signed as the CLI signs them — they ride on
 * the ticket, so every tracker carries them.
 */
export function changeOptionsFor(policy: () => RetryPolicy, ledger: LedgerFor = memoryLedgers()) {
  const seals = signedSeals(TEST_APPROVAL_KEY);
  return () => ({ policy: policy(), now: () => new Date().toISOString(), today: TODAY, ledger, seals });
}

function rawRecord(id: string) {
  const generated = recordWith({ id, items: 10, links: 4 });
  return { ...generated, people: { ...generated.people, 'approval-owner': TESS } };
}

/** A generated record with an approval owner (Tess), read as the CLI reads it. */
export function recordOf(id: string, edit: (raw: ReturnType<typeof rawRecord>) => void = () => {}): HandoffRecord {
  const raw = rawRecord(id);
  edit(raw);
  const read = validateRecord(structuredClone(raw));
  if (!read.ok) throw new Error(`fixture: ${JSON.stringify(read.problems.slice(0, 2))}`);
  return read.value;
}

/**
 * Change control and owner transfer, on every tracker: proposals open a change request and
 * change nothing; only the approval owner's approval lets a change apply; applying creates,
 * updates and descopes (never deletes) and a second apply changes nothing; history, coverage
 * both ways, and owner transfer — each read back through the tracker's own API.
 */
export function changeControlCases(ctx: {
  harness: () => TrackerHarness;
  slug: string;
  policy: () => RetryPolicy;
}): void {
  // The ledgers a CLI keeps in files (and the Forge app in KVS), shared by every step as there.
  const ledgers = memoryLedgers();
  // Seals signed as the CLI signs them: they ride on the ticket, so every tracker carries them.
  const seals = signedSeals(TEST_APPROVAL_KEY);
  describe('change control', () => {
    const id = `${ctx.slug}-change`;
    const base = recordOf(id);
    // p1 moves, p2 changes owner, p3 is excluded (its Blocks link from d0 ends), p-new is added.
    const proposed = recordOf(id, (r) => {
      const [, p1, p2, p3] = r.promises;
      Object.assign(p1 ?? {}, { due: 'kickoff+40bd' });
      Object.assign(p2 ?? {}, { owner: COLE });
      Object.assign(p3 ?? {}, {
        excluded: 'The customer dropped it in the steering call.',
        owner: undefined,
        due: undefined,
      });
      r.promises.push({ id: 'p-new', title: 'A promise made after kickoff', owner: DANA, due: 'kickoff+15bd' });
    });
    const rejected = recordOf(id, (r) => Object.assign(r.promises[4] ?? {}, { title: 'Promise 4, renamed' }));
    const options = changeOptionsFor(ctx.policy, ledgers);
    const as = (email: string) => ctx.harness().trackerAs(email);
    const keys = { applied: '', rejected: '' };
    const accounts = new Map<string, string>();

    beforeAll(async () => {
      const h = ctx.harness();
      for (const email of ASSIGNEES) accounts.set(email, await h.addPerson(email));
      const plan = buildPlan(base, { target: h.target });
      const report = await applyPlan(plan, h.tracker, {
        accounts: await lookUpPeople(h.tracker, assigneesOf(plan), ctx.policy()),
        policy: ctx.policy(),
        ledger: ledgers(plan.recordId),
      });
      expect(report.failed).toEqual([]);
    });

    const opensChangeRequest =
      'opens a change request assigned to the approval owner, related to what it touches, and changes nothing else';
    it(opensChangeRequest, async () => {
      const h = ctx.harness();
      const before = await h.seen(id);
      const result = await proposeChange(h.tracker, { base, proposed, target: h.target, today: TODAY }, options());
      if (result.kind !== 'proposed') throw new Error(`not proposed: ${JSON.stringify(result)}`);
      keys.applied = result.key;
      expect(result.change.added.map((a) => a.itemId)).toEqual([`${id}/promise/p-new`]);
      expect(result.change.removed.map((r) => r.itemId)).toEqual([`${id}/promise/p3`]);
      const request = await h.tracker.readChangeRequest(result.key);
      expect(request?.state).toMatchObject({
        recordId: id,
        changeId: result.change.id,
        approvalOwner: { email: TESS, account: accounts.get(TESS) },
        outcome: null,
      });
      expect(request?.approval.approved).toBe(false);
      expect(await h.seen(id)).toEqual(before);
      const again = await proposeChange(h.tracker, { base, proposed, target: h.target, today: TODAY }, options());
      expect(again).toMatchObject({ kind: 'already-proposed', key: result.key });
    });

    const appliesNothingUnapproved =
      'applies nothing before approval, nor after an approval by anyone but the approval owner; ' +
      'a rejection is kept with its reason';
    it(appliesNothingUnapproved, async () => {
      const h = ctx.harness();
      expect(await applyChange(h.tracker, keys.applied, options())).toMatchObject({
        kind: 'not-approved',
        reason: expect.stringContaining('not approved yet'),
      });
      expect(await approveChange(await as(DANA), keys.applied, options())).toMatchObject({
        kind: 'refused',
        reason: expect.stringContaining(`only ${TESS}`),
      });

      const other = await proposeChange(
        h.tracker,
        { base, proposed: rejected, target: h.target, today: TODAY },
        options(),
      );
      if (other.kind !== 'proposed') throw new Error(`not proposed: ${JSON.stringify(other)}`);
      keys.rejected = other.key;
      await (await as(DANA)).approveChangeRequest(other.key); // Dana moves it to Done herself
      expect(await applyChange(h.tracker, other.key, options())).toMatchObject({
        kind: 'refused',
        why: 'forbidden',
        reason: expect.stringContaining(`only ${TESS} (the approval owner) may approve it`),
      });
      // The approval owner approving makes the approval hers; then she thinks better of it.
      expect(await approveChange(await as(TESS), other.key, options())).toMatchObject({ kind: 'approved' });
      expect((await h.tracker.readChangeRequest(other.key))?.approval.by?.account).toBe(accounts.get(TESS));
      expect(await rejectChange(await as(TESS), other.key, 'We keep the original name', options())).toMatchObject({
        kind: 'rejected',
        key: other.key,
      });
      expect(await applyChange(h.tracker, other.key, options())).toMatchObject({
        kind: 'refused',
        reason: expect.stringContaining('rejected by'),
      });
      expect((await h.comments(other.key)).join('\n')).toContain('We keep the original name');
    });

    const appliesApprovedChange =
      'applies an approved change: creates, updates, descopes with a comment, unlinks — ' +
      'and a second apply changes nothing';
    it(appliesApprovedChange, async () => {
      const h = ctx.harness();
      expect(await approveChange(await as(TESS), keys.applied, options())).toMatchObject({ kind: 'approved' });
      const result = await applyChange(h.tracker, keys.applied, options());
      if (result.kind !== 'applied') throw new Error(`not applied: ${JSON.stringify(result)}`);
      expect(result.failed).toEqual([]);
      expect(result.provision.created.map((c) => c.itemId)).toEqual([`${id}/promise/p-new`]);
      expect(result.updated.map((u) => u.itemId).sort()).toEqual([`${id}/promise/p1`, `${id}/promise/p2`]);
      expect(result.descoped.map((d) => d.itemId)).toEqual([`${id}/promise/p3`]);
      expect(result.linksRemoved).toBe(1);

      const seen = new Map((await h.seen(id)).map((s) => [s.itemId, s]));
      const plan = buildPlan(proposed, { target: h.target });
      const item = (key: string) => plan.items.find((i) => i.itemId === `${id}/promise/${key}`);
      expect(seen.get(`${id}/promise/p1`)?.due).toBe(item('p1')?.due);
      expect(seen.get(`${id}/promise/p2`)?.assignee).toBe(accounts.get(COLE));
      expect(seen.get(`${id}/promise/p-new`)).toMatchObject({
        due: item('p-new')?.due,
        assignee: accounts.get(DANA),
        descoped: false,
      });
      const p3 = seen.get(`${id}/promise/p3`);
      expect(p3?.descoped).toBe(true);
      expect(seen.get(`${id}/dependency/d0`)?.blocks).not.toContain(p3?.key);
      expect((await h.comments(p3?.key ?? '')).join('\n')).toContain(keys.applied);
      expect((await h.comments(keys.applied)).join('\n')).toMatch(
        /Applied by .*1 ticket added, 2 updated, 1 descoped, 1 link removed/,
      );

      const again = await applyChange(h.tracker, keys.applied, options());
      expect(again).toMatchObject({ kind: 'already-applied' });
      expect(again.calls).toBeLessThanOrEqual(2);
      expect(new Map((await h.seen(id)).map((s) => [s.itemId, s]))).toEqual(seen);
    });

    it('keeps every proposal, approval, rejection and application with who and when', async () => {
      const history = await changeHistory(ctx.harness().tracker, id, { policy: ctx.policy(), ledger: ledgers });
      expect(history.changes.map((c) => [c.key, c.status])).toEqual([
        [keys.applied, 'applied'],
        [keys.rejected, 'rejected'],
      ]);
      const of = (key: string) => history.events.filter((e) => e.key === key).map((e) => e.action);
      expect(of(keys.applied)).toEqual(['proposed', 'approved', 'applied']);
      expect(of(keys.rejected)).toEqual(['proposed', 'approved', 'rejected']);
      expect(history.events.find((e) => e.action === 'rejected')?.reason).toBe('We keep the original name');
      for (const event of history.events) expect(event.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    });

    it('refuses a change proposed from a record older than the one the last applied change left', async () => {
      const stale = await proposeChange(
        ctx.harness().tracker,
        { base, proposed: rejected, target: ctx.harness().target, today: TODAY },
        options(),
      );
      expect(stale).toMatchObject({ kind: 'refused', reason: expect.stringContaining(keys.applied) });
    });

    it('reports coverage both ways, kept true through the change', async () => {
      const h = ctx.harness();
      const now = await coverageReport(h.tracker, proposed, {
        target: h.target,
        today: TODAY,
        policy: ctx.policy(),
        ledger: ledgers,
      });
      expect(now.complete).toBe(true);
      expect(now.withoutPromise).toEqual([expect.objectContaining({ itemId: `${id}/promise/p3`, descoped: true })]);
      expect(now.exclusions.map((e) => e.itemId)).toEqual([`${id}/promise/p3`]);
      const old = await coverageReport(h.tracker, base, {
        target: h.target,
        today: TODAY,
        policy: ctx.policy(),
        ledger: ledgers,
      });
      expect(old.complete).toBe(false);
      expect(old.withoutPromise.map((t) => t.itemId)).toEqual([`${id}/promise/p-new`]);
    });
  });

  describe('a change request whose create answer is lost', () => {
    const id = `${ctx.slug}-lost-cr`;
    const base = recordOf(id);
    const proposed = recordOf(id, (r) => Object.assign(r.promises[1] ?? {}, { due: 'kickoff+30bd' }));

    it('is found through the search once it catches up, never opened twice (issue 14)', async () => {
      const h = ctx.harness();
      for (const email of ASSIGNEES) await h.addPerson(email);
      const plan = buildPlan(base, { target: h.target });
      await applyPlan(plan, h.tracker, {
        accounts: await lookUpPeople(h.tracker, assigneesOf(plan), ctx.policy()),
        policy: ctx.policy(),
        ledger: ledgers(plan.recordId),
      });
      // The tracker makes the change request, and the answer never arrives (a 502 after it took effect).
      let made = '';
      const lossy = Object.create(h.tracker, {
        createChangeRequest: {
          value: async (draft: Parameters<typeof h.tracker.createChangeRequest>[0]) => {
            made = await h.tracker.createChangeRequest(draft);
            throw new TrackerError({ tracker: h.tracker.name, operation: 'POST create', status: 502, detail: 'lost' });
          },
        },
      });
      const options = { policy: ctx.policy(), now: () => new Date().toISOString(), ledger: ledgers, seals };
      const result = await proposeChange(lossy, { base, proposed, target: h.target, today: TODAY }, options);
      expect(result).toMatchObject({ kind: 'proposed', key: made });
      const again = await proposeChange(h.tracker, { base, proposed, target: h.target, today: TODAY }, options);
      expect(again).toMatchObject({ kind: 'already-proposed', key: made });
      const history = await changeHistory(h.tracker, id, { policy: ctx.policy(), ledger: ledgers });
      expect(history.changes.map((c) => c.key)).toEqual([made]);
    });
  });

  describe('owner transfer', () => {
    const id = `${ctx.slug}-transfer`;
    const record = recordOf(id);

    const movesOpenTickets =
      'moves every open ticket of one person to another with a note on each and one summary; again, nothing';
    it(movesOpenTickets, async () => {
      const h = ctx.harness();
      const plan = buildPlan(record, { target: h.target });
      await applyPlan(plan, h.tracker, {
        accounts: await lookUpPeople(h.tracker, assigneesOf(plan), ctx.policy()),
        policy: ctx.policy(),
        ledger: ledgers(plan.recordId),
      });
      const dana = await h.addPerson(DANA);
      const cole = await h.addPerson(COLE);
      const before = await h.seen(id);
      const danas = before.filter((s) => s.assignee === dana);
      const [finished, ...open] = danas.filter((s) => !s.itemId.includes('/parent/'));
      await h.markDone(finished?.key ?? '');
      const parent = before.find((s) => s.itemId.includes('/parent/'));

      // The tickets are moved a few at once, never more than four.
      let [moving, peak] = [0, 0];
      const watched = around(h.tracker, async (property, call) => {
        if (property !== 'updateItem') return call();
        moving += 1;
        peak = Math.max(peak, moving);
        return call().finally(() => (moving -= 1));
      });
      const result = await transferOwner(
        watched,
        { record, transfer: { from: DANA, to: COLE }, today: TODAY, target: h.target },
        { policy: ctx.policy(), ledger: ledgers },
      );
      if (result.kind !== 'transferred') throw new Error(JSON.stringify(result));
      expect(peak).toBeLessThanOrEqual(4);
      expect(peak).toBeGreaterThan(Math.min(1, result.moved.length - 1));
      expect(result.failed).toEqual([]);
      const movedKeys = danas
        .filter((s) => s !== finished)
        .map((s) => s.key)
        .sort();
      expect(result.moved.map((m) => m.key).sort()).toEqual(movedKeys);
      const after = new Map((await h.seen(id)).map((s) => [s.key, s]));
      for (const key of movedKeys) expect(after.get(key)?.assignee).toBe(cole);
      expect(after.get(finished?.key ?? '')?.assignee).toBe(dana);
      for (const item of open)
        expect((await h.comments(item.key)).join('\n')).toContain(`Owner transfer: this moved from ${DANA} to ${COLE}`);
      const summary = (await h.comments(parent?.key ?? '')).filter((c) => /open (issues?|tasks?) moved/.test(c));
      expect(summary).toHaveLength(1);
      expect(summary[0]).toContain(
        `${counted(movedKeys.length, `open ${ticketNoun(h.target)}`)} moved from ${DANA} to ${COLE}`,
      );

      const again = await transferOwner(
        h.tracker,
        { record, transfer: { from: DANA, to: COLE }, today: TODAY, target: h.target },
        { policy: ctx.policy(), ledger: ledgers },
      );
      expect(again).toMatchObject({ kind: 'transferred', moved: [], failed: [] });
      expect(again.calls).toBeLessThanOrEqual(4);
      expect((await h.comments(parent?.key ?? '')).filter((c) => /open (issues?|tasks?) moved/.test(c))).toHaveLength(
        1,
      );
    });
  });
}
