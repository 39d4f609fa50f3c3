import { describe, it, expect } from 'vitest';
import type { PersonDirectory } from '../../src/domain/gate/gate';
import { aDependency, aQuestion, aRecord, aRisk, EMAIL } from '../builders/record';
import { expectSentenceNaming, gateOf, pathsOf } from '../builders/findings';

/**
 * The person-resolution port: a tracker adapter looks people up (I/O) and hands the gate a
 * directory; every assignee the plan would use must be known to it.
 */

function directoryOf(...known: string[]): PersonDirectory {
  return { trackerName: 'Jira', isKnown: (email) => known.includes(email) };
}

const everyone = directoryOf(EMAIL.delivery, EMAIL.comms, EMAIL.escalation);

describe('people resolution', () => {
  it('a directory that knows every assignee adds no blocker', () => {
    expect(gateOf(aRecord(), { people: everyone })).toEqual({ decision: 'go', blockers: [], warnings: [] });
  });

  it('an unknown delivery owner blocks once, at people.delivery-owner, where the role is filled', () => {
    const result = gateOf(aRecord(), { people: directoryOf(EMAIL.comms) });
    expect(result.decision).toBe('not-yet');
    expect(pathsOf(result.blockers)).toEqual(['people.delivery-owner']);
    for (const b of result.blockers) expectSentenceNaming(b.message, EMAIL.delivery, 'Jira');
  });

  it('a customer dependency is assigned to its chaser, by default the comms owner', () => {
    const result = gateOf(aRecord(), { people: directoryOf(EMAIL.delivery) });
    expect(pathsOf(result.blockers)).toEqual(['people.comms-owner']);
  });

  it('a chaser named by e-mail blocks at dependencies[i].chaser', () => {
    const result = gateOf(aRecord({ dependencies: [aDependency({ chaser: 'chaser@vendor.example' })] }), {
      people: everyone,
    });
    expect(pathsOf(result.blockers)).toEqual(['dependencies[0].chaser']);
  });

  it('the customer who owns a customer dependency is not an assignee and need not be known', () => {
    const result = gateOf(aRecord({ dependencies: [aDependency({ owner: 'unknown@globex.example' })] }), {
      people: everyone,
    });
    expect(result.blockers).toEqual([]);
  });

  it('an internal dependency is assigned to its owner', () => {
    const record = aRecord({
      dependencies: [aDependency({ side: 'internal', owner: 'contractor@elsewhere.example' })],
    });
    const result = gateOf(record, { people: everyone });
    expect(pathsOf(result.blockers)).toEqual(['dependencies[0].owner']);
    expectSentenceNaming(result.blockers[0]?.message ?? '', 'contractor@elsewhere.example');
  });

  it('an owner given as an e-mail is looked up as written', () => {
    const result = gateOf(aRecord({ risks: [aRisk({ owner: 'new.hire@vendor.example' })] }), { people: everyone });
    expect(pathsOf(result.blockers)).toEqual(['risks[0].owner']);
  });

  it('without a directory nobody is checked', () => {
    const record = aRecord({ risks: [aRisk({ owner: 'new.hire@vendor.example' })] });
    expect(gateOf(record).blockers).toEqual([]);
  });

  it('the tracker name in the message comes from the directory', () => {
    const result = gateOf(aRecord({ risks: [aRisk({ owner: 'new.hire@vendor.example' })] }), {
      people: { trackerName: 'Asana', isKnown: (email) => everyone.isKnown(email) },
    });
    expect(result.blockers[0]?.message).toContain('Asana');
  });

  it('an answered question is not an assignee: its unknown owner does not block', () => {
    const record = aRecord({
      questions: [aQuestion({ owner: 'left.company@vendor.example', answer: 'The Leeds depot.' })],
    });
    expect(gateOf(record, { people: everyone }).blockers).toEqual([]);
  });

  it('an accepted risk is not an assignee: its unknown owner does not block', () => {
    const record = aRecord({
      risks: [aRisk({ owner: 'left.company@vendor.example', accepted: 'Customer accepts the delay.' })],
    });
    expect(gateOf(record, { people: everyone }).blockers).toEqual([]);
  });
});
