import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { readRecord } from '../../src/domain/record/read-record';
import { evaluateGate } from '../../src/domain/gate/gate';
import { aPromise, aRecord, someSignoffs } from '../builders/record';
import { gateOf } from '../builders/findings';

/** The decision is computed, never typed: "go" exactly when nothing blocks. */

describe('the decision', () => {
  it('the builder record is go with nothing to say', () => {
    expect(gateOf(aRecord())).toEqual({ decision: 'go', blockers: [], warnings: [] });
  });

  it('warnings alone still allow go', () => {
    const result = gateOf(aRecord({ promises: [aPromise({ source: undefined, due: '2026-12-12' })] }));
    expect(result.warnings.length).toBeGreaterThan(0);
    expect(result.blockers).toEqual([]);
    expect(result.decision).toBe('go');
  });

  it('one blocker makes it not-yet', () => {
    const result = gateOf(aRecord({ signoffs: someSignoffs({ sales: undefined }) }));
    expect(result.blockers).toHaveLength(1);
    expect(result.decision).toBe('not-yet');
  });

  it('every blocker is reported, not only the first', () => {
    const result = gateOf(
      aRecord({ signoffs: {}, promises: [aPromise({ owner: undefined, due: undefined })], dependencies: [] }),
    );
    expect(result.blockers).toHaveLength(5);
  });

  it('the same record gives the same answer every time (no clock of its own)', () => {
    const record = aRecord();
    expect(gateOf(record)).toEqual(gateOf(record));
  });

  it('the Acme example says go on 2026-12-01', () => {
    const read = readRecord(
      readFileSync(new URL('../../examples/acme-onboarding.handoff.yaml', import.meta.url), 'utf8'),
    );
    if (!read.ok) return expect.fail(JSON.stringify(read.problems));
    const result = evaluateGate(read.value, { today: '2026-12-01' });
    expect(result.decision).toBe('go');
    expect(result.blockers).toEqual([]);
  });
});
