import { describe, it, expect } from 'vitest';
import { SCENARIOS } from '../../src/domain/record/record';
import type { SignoffRole } from '../../src/domain/record/scenarios';
import { aCompleteRecord, anException, aRecord, aTimeline, EMAIL, someSignoffs, without } from '../builders/record';
import { expectSentenceNaming, gateOf, pathsOf } from '../builders/findings';

/** Exceptions carry an approver and a record; timeline approvals an owner and a date; teams sign. */

describe('exceptions', () => {
  it('an exception without an approver blocks at exceptions[i].approvedBy', () => {
    const result = gateOf(aRecord({ exceptions: [anException({ approvedBy: undefined })] }));
    expect(pathsOf(result.blockers)).toEqual(['exceptions[0].approvedBy']);
    expectSentenceNaming(result.blockers[0]?.message ?? '', '10% first-year discount', 'approver');
  });

  it('an exception without a link to where it was approved blocks at exceptions[i].record', () => {
    const result = gateOf(aRecord({ exceptions: [anException({ record: undefined })] }));
    expect(pathsOf(result.blockers)).toEqual(['exceptions[0].record']);
    expectSentenceNaming(result.blockers[0]?.message ?? '', '10% first-year discount');
  });

  it('an exception with neither blocks at both', () => {
    const result = gateOf(aRecord({ exceptions: [anException({ approvedBy: undefined, record: undefined })] }));
    expect(pathsOf(result.blockers)).toEqual(['exceptions[0].approvedBy', 'exceptions[0].record']);
  });
});

describe('timeline approvals', () => {
  const approval = { what: 'Customer security review' };

  it.each([
    ['no owner', { ...approval, due: '2026-12-15' }],
    ['no date', { ...approval, owner: 'approval-owner' }],
    ['neither', approval],
  ])('an approval with %s blocks at timeline.approvals[i]', (_what, entry) => {
    const result = gateOf(aRecord({ timeline: aTimeline({ approvals: [entry] }) }));
    expect(pathsOf(result.blockers)).toEqual(['timeline.approvals[0]']);
    expectSentenceNaming(result.blockers[0]?.message ?? '', 'Customer security review', 'owner', 'date');
  });

  it('an approval with an owner and a date is fine', () => {
    const result = gateOf(
      aRecord({ timeline: aTimeline({ approvals: [{ ...approval, owner: 'approval-owner', due: '2026-12-15' }] }) }),
    );
    expect(result.blockers).toEqual([]);
  });

  // MISSING (src/domain/gate/ownership.ts:39-43 `unfilledRole` is applied to tracked items and
  // chasers only): an approval owned by a role nobody fills has, in effect, no owner, but passes.
  it('an approval owned by a role nobody fills blocks at its owner', () => {
    const result = gateOf(
      aRecord({ timeline: aTimeline({ approvals: [{ ...approval, owner: 'success-owner', due: '2026-12-15' }] }) }),
    );
    expect(pathsOf(result.blockers)).toEqual(['timeline.approvals[0].owner']);
  });
});

describe('sign-offs', () => {
  const NEEDED: Record<(typeof SCENARIOS)[number], SignoffRole[]> = {
    core: ['sales', 'operations', 'delivery'],
    'new-implementation': ['sales', 'operations', 'delivery'],
    expansion: ['sales', 'operations', 'delivery'],
    'high-complexity': ['sales', 'operations', 'delivery'],
    'high-risk': ['sales', 'operations', 'delivery'],
    'ops-to-delivery': ['operations', 'delivery'],
    'owner-transfer': ['delivery'],
    lightweight: ['delivery'],
  };

  it.each(SCENARIOS)('%s: each missing sign-off it needs blocks at signoffs.<team>', (scenario) => {
    const result = gateOf(without(aCompleteRecord(scenario), 'signoffs'));
    expect(pathsOf(result.blockers)).toEqual(NEEDED[scenario].map((team) => `signoffs.${team}`));
  });

  it.each(SCENARIOS)('%s: a sign-off it does not need may be missing', (scenario) => {
    const unneeded = (['sales', 'operations', 'delivery'] as const).filter((team) => !NEEDED[scenario].includes(team));
    let record: unknown = aCompleteRecord(scenario);
    for (const team of unneeded) record = without(record, `signoffs.${team}`);
    expect(gateOf(record).blockers).toEqual([]);
  });

  it('the missing sign-off messages say which team has not confirmed what', () => {
    const result = gateOf(aRecord({ signoffs: {} }));
    const [sales, operations, delivery] = result.blockers.map((b) => b.message);
    expectSentenceNaming(sales ?? '', 'Sales', 'undocumented promises');
    expectSentenceNaming(operations ?? '', 'Operations', 'receipt');
    expectSentenceNaming(delivery ?? '', 'Delivery', 'ready');
  });

  it('delivery signed "blocked" gives one blocker per reason, at signoffs.delivery.blockers[i]', () => {
    const reasons = ['The SOW is not countersigned.', 'No test tenant yet.'];
    const result = gateOf(
      aRecord({
        signoffs: someSignoffs({
          delivery: { by: EMAIL.delivery, at: '2026-11-30', status: 'blocked', blockers: reasons },
        }),
      }),
    );
    expect(result.decision).toBe('not-yet');
    expect(pathsOf(result.blockers)).toEqual(['signoffs.delivery.blockers[0]', 'signoffs.delivery.blockers[1]']);
    result.blockers.forEach((b, i) => expectSentenceNaming(b.message, 'Delivery', reasons[i] ?? ''));
  });

  it('a sign-off dated after today is a warning at its date', () => {
    const result = gateOf(aRecord({ signoffs: someSignoffs({ operations: { by: EMAIL.ops, at: '2026-12-02' } }) }));
    expect(result.decision).toBe('go');
    expect(pathsOf(result.warnings)).toEqual(['signoffs.operations.at']);
    expectSentenceNaming(result.warnings[0]?.message ?? '', 'operations', '2026-12-02', '2026-12-01');
  });

  it('a sign-off dated today is fine', () => {
    const result = gateOf(aRecord({ signoffs: someSignoffs({ operations: { by: EMAIL.ops, at: '2026-12-01' } }) }));
    expect(result.warnings).toEqual([]);
  });
});
