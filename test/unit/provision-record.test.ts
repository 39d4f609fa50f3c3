import { describe, expect, it } from 'vitest';
import { defaultRetryPolicy } from '../../src/provision/retry';
import { provisionRecord, writesNeeded, type ProvisionOptions } from '../../src/usecases/provision-record';
import { aRecord, EMAIL, parse, TODAY } from '../builders/record';
import { createMemoryTracker } from '../support/memory-tracker/memory-tracker';
import type { FieldRefusal } from '../../src/domain/gate/gate';

/**
 * The one "provision this record" the CLI and the Forge app share: people looked up, the gate
 * with that knowledge, and only on go (and not a dry run) the plan applied under the caller's lock.
 */
describe('provisionRecord', () => {
  const record = parse(aRecord());
  const everyone = Object.fromEntries(Object.values(EMAIL).map((email) => [email, `acct-${email}`]));
  const run = (people: Record<string, string>, extra: Partial<ProvisionOptions> = {}, refusals?: FieldRefusal[]) => {
    const memory = createMemoryTracker({ people, refusals });
    const locks: string[] = [];
    const options: ProvisionOptions = {
      target: 'jira',
      today: TODAY,
      policy: defaultRetryPolicy,
      lock: async (recordId) => {
        locks.push(`lock ${recordId}`);
        return async () => void locks.push('unlock');
      },
      ...extra,
    };
    return { memory, locks, result: provisionRecord(record, memory.tracker, options) };
  };

  it('on go, writes the plan under the lock, within the requests the tracker says it needs', async () => {
    const { memory, locks, result } = run(everyone);
    const outcome = await result;
    if (outcome.kind !== 'provisioned') throw new Error(`expected provisioned, got ${outcome.kind}`);
    expect(outcome.report.failed).toEqual([]);
    expect(outcome.report.created).toHaveLength(outcome.plan.items.length);
    expect(outcome.report.calls).toBeLessThanOrEqual(writesNeeded(outcome.plan, memory.tracker));
    expect(locks).toEqual([`lock ${record.id}`, 'unlock']);
  });

  it('not yet when the tracker cannot assign someone: nothing written, no lock taken', async () => {
    const others = Object.fromEntries(Object.entries(everyone).filter(([email]) => email !== EMAIL.delivery));
    const { memory, locks, result } = run(others);
    const outcome = await result;
    expect(outcome.kind).toBe('not-yet');
    expect(outcome.gate.blockers.map((b) => b.path)).toContain('people.delivery-owner');
    expect(memory.items.size).toBe(0);
    expect(locks).toEqual([]);
  });

  it('a dry run looks people up and gates, and writes nothing', async () => {
    const { memory, locks, result } = run(everyone, { dryRun: true });
    const outcome = await result;
    expect(outcome.kind).toBe('dry-run');
    expect(outcome.gate.decision).toBe('go');
    expect(outcome.kind === 'dry-run' && outcome.calls).toBe(memory.tracker.requests());
    expect(memory.items.size).toBe(0);
    expect(locks).toEqual([]);
  });

  it('not yet when the project refuses a field the plan sends: the preflight runs before any write', async () => {
    const refusal: FieldRefusal = {
      scope: 'items',
      reason: 'not-settable',
      field: 'due',
      message: 'Jira project OPS: the Task create screen has no "Due date" field',
    };
    for (const dryRun of [false, true]) {
      const { memory, locks, result } = run(everyone, { dryRun }, [refusal]);
      const outcome = await result;
      expect(outcome.kind).toBe('not-yet');
      expect(outcome.gate.blockers).toEqual([{ path: 'dependencies[0].due', message: refusal.message }]);
      expect(memory.items.size).toBe(0);
      expect(locks).toEqual([]);
    }
  });
});
