import { beforeEach, describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/domain/plan/plan';
import { validateRecord } from '../../src/domain/record/read-record';
import type { HandoffRecord } from '../../src/domain/record/record';
import { applyPlan } from '../../src/provision/engine';
import { assigneesOf, lookUpPeople } from '../../src/provision/people-directory';
import { defaultRetryPolicy, type RetryPolicy } from '../../src/provision/retry';
import { applyChange } from '../../src/usecases/change/apply';
import { approveChange, rejectChange } from '../../src/usecases/change/decide';
import { proposeChange } from '../../src/usecases/change/propose';
import { changeDigest, type ChangeSeals } from '../../src/usecases/change/seal';
import { signedSeals } from '../../src/usecases/change/signed-seals';
import { ASSIGNEES, recordWith } from '../contract/plan-fixture';
import { TEST_APPROVAL_KEY } from '../emulators/env';
import { memoryLedgers } from '../support/memory-ledgers';
import { createMemoryTracker } from '../support/memory-tracker/memory-tracker';

const TESS = ASSIGNEES[2] ?? '';
const TODAY = '2027-01-04';
const policy: RetryPolicy = { ...defaultRetryPolicy, sleep: async () => {} };

function recordOf(edit: (raw: ReturnType<typeof recordWith>) => void = () => {}): HandoffRecord {
  const raw = recordWith({ id: 'sealed', items: 6, links: 2 });
  Object.assign(raw.people, { 'approval-owner': TESS });
  edit(raw);
  const read = validateRecord(structuredClone(raw));
  if (!read.ok) throw new Error(JSON.stringify(read.problems.slice(0, 2)));
  return read.value;
}
const base = recordOf();
const proposed = recordOf((r) => Object.assign(r.promises[0] ?? {}, { title: 'Renamed after kickoff' }));

describe('change seals', () => {
  const seals = signedSeals(TEST_APPROVAL_KEY);
  let memory: ReturnType<typeof createMemoryTracker>;
  type Options = { policy: RetryPolicy; now: () => string; today: string; seals: ChangeSeals };
  let options: Options & { ledger: ReturnType<typeof memoryLedgers> };
  const propose = (with_: ChangeSeals = seals) =>
    proposeChange(memory.tracker, { base, proposed, target: 'jira', today: TODAY }, { ...options, seals: with_ });

  beforeEach(async () => {
    memory = createMemoryTracker();
    for (const email of ASSIGNEES) memory.people.set(email, `acct-${email}`);
    options = { policy, now: () => new Date().toISOString(), today: TODAY, seals, ledger: memoryLedgers() };
    const plan = buildPlan(base, { target: 'jira' });
    await applyPlan(plan, memory.tracker, {
      accounts: await lookUpPeople(memory.tracker, assigneesOf(plan), policy),
      policy,
      ledger: options.ledger(plan.recordId),
    });
  });

  it('bind the ticket key, the state but its outcome, and every payload part; a signature needs the key', async () => {
    const result = await propose();
    if (result.kind !== 'proposed') throw new Error(JSON.stringify(result));
    const request = await memory.tracker.readChangeRequest(result.key);
    if (!request) throw new Error('no change request');
    const digest = changeDigest(request.key, request.state, request.payload);
    const signature = request.state.signature;
    expect(await seals.check(request.key, digest, signature)).toBe('sealed');
    expect(await seals.check('DEL-999', changeDigest('DEL-999', request.state, request.payload), signature)).toBe(
      'broken',
    );
    const outcome = { kind: 'applied' as const, by: { account: 'a', name: 'A' }, at: TODAY, reason: null };
    expect(changeDigest(request.key, { ...request.state, outcome }, request.payload)).toBe(digest);
    expect(changeDigest(request.key, request.state, [...request.payload, ''])).not.toBe(digest);
    expect(changeDigest(request.key, { ...request.state, proposedAt: TODAY }, request.payload)).not.toBe(digest);
    expect(await signedSeals('b2'.repeat(32)).check(request.key, digest, signature)).toBe('broken');
    expect(await seals.check(request.key, digest, undefined)).toBe('missing');
  });

  it('a proposal whose seal was lost is sealed when the same person proposes it again, and then applies', async () => {
    const lost: ChangeSeals = {
      keep: async () => {
        throw new Error('the seal write was lost');
      },
      check: seals.check,
    };
    await expect(propose(lost)).rejects.toThrow('the seal write was lost');
    const [open] = [...memory.changes.keys()];
    const unsealed = await approveChange(memory.as({ account: `acct-${TESS}`, name: 'Tess' }), open ?? '', options);
    expect(unsealed).toMatchObject({ kind: 'refused', why: 'conflict', reason: expect.stringContaining('no seal') });

    expect(await propose()).toMatchObject({ kind: 'already-proposed', key: open });
    expect(memory.changes.size).toBe(1);
    const tess = memory.as({ account: `acct-${TESS}`, name: 'Tess' });
    expect(await approveChange(tess, open ?? '', options)).toMatchObject({ kind: 'approved' });
    expect(await applyChange(memory.tracker, open ?? '', options)).toMatchObject({ kind: 'applied', failed: [] });
  });

  it('an unsealed twin that was edited is left alone: proposing again opens a new, sealed one', async () => {
    const lost: ChangeSeals = { keep: async () => Promise.reject(new Error('lost')), check: seals.check };
    await expect(propose(lost)).rejects.toThrow('lost');
    const [forged] = [...memory.changes.keys()];
    const request = await memory.tracker.readChangeRequest(forged ?? '');
    if (!request) throw new Error('no change request');
    const mallory = { email: 'mallory@vendor.example', account: 'acct-mallory' };
    await memory.tracker.saveChangeState(request.key, { ...request.state, approvalOwner: mallory });

    const again = await propose();
    expect(again).toMatchObject({ kind: 'proposed' });
    expect(again).not.toMatchObject({ key: forged });
    const mallorys = memory.as({ account: mallory.account, name: 'Mallory' });
    expect(await approveChange(mallorys, forged ?? '', options)).toMatchObject({ kind: 'refused' });
  });

  it('a rejection taken off the ticket after the owner approved then rejected does not make it appliable', async () => {
    const result = await propose();
    if (result.kind !== 'proposed') throw new Error(JSON.stringify(result));
    const tess = memory.as({ account: `acct-${TESS}`, name: 'Tess' });
    expect(await approveChange(tess, result.key, options)).toMatchObject({ kind: 'approved' });
    expect(await rejectChange(tess, result.key, 'Not now', options)).toMatchObject({ kind: 'rejected' });
    expect(await applyChange(memory.tracker, result.key, options)).toMatchObject({
      kind: 'refused',
      reason: expect.stringContaining('rejected by Tess'),
    });
    const request = await memory.tracker.readChangeRequest(result.key);
    if (!request) throw new Error('no change request');
    await memory.tracker.saveChangeState(result.key, { ...request.state, outcome: null });
    expect(await applyChange(memory.tracker, result.key, options)).toMatchObject({
      kind: 'refused',
      why: 'forbidden',
      reason: expect.stringContaining('was edited after it was proposed'),
    });
  });
});
