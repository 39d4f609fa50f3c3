import { describe, it, expect } from 'vitest';
import {
  aCompleteRecord,
  aDependency,
  anExcludedPromise,
  aPromise,
  aQuestion,
  aRecord,
  aRisk,
  EMAIL,
  somePeople,
} from '../builders/record';
import { expectSentenceNaming, gateOf, onlyAt, pathsOf } from '../builders/findings';

/** Promises map to an owner and a date or an exclusion; dependencies, risks and questions have both. */

describe('promises', () => {
  it('a promise with neither owner, due date nor exclusion blocks at its owner and its due date', () => {
    const result = gateOf(aRecord({ promises: [aPromise({ owner: undefined, due: undefined })], dependencies: [] }));
    expect(result.decision).toBe('not-yet');
    expect(pathsOf(result.blockers)).toEqual(['promises[0].owner', 'promises[0].due']);
    expectSentenceNaming(
      onlyAt(result.blockers, 'promises[0].owner').message,
      'SSO with Azure AD before the pilot',
      'owner',
    );
    expectSentenceNaming(
      onlyAt(result.blockers, 'promises[0].due').message,
      'SSO with Azure AD before the pilot',
      'due date',
    );
  });

  it('an owner without a due date blocks at the due date only', () => {
    const result = gateOf(aRecord({ promises: [aPromise({ due: undefined })] }));
    expect(pathsOf(result.blockers)).toEqual(['promises[0].due']);
  });

  it('a due date without an owner blocks at the owner only', () => {
    const result = gateOf(aRecord({ promises: [aPromise({ owner: undefined })] }));
    expect(pathsOf(result.blockers)).toEqual(['promises[0].owner']);
  });

  it('an excluded promise needs no owner and no due date', () => {
    const result = gateOf(aRecord({ promises: [anExcludedPromise()], dependencies: [] }));
    expect(result).toEqual({ decision: 'go', blockers: [], warnings: [] });
  });

  it('a promise owned by a role nobody fills blocks once, at the owner, naming the role to fill', () => {
    const result = gateOf(aRecord({ promises: [aPromise({ owner: 'success-owner' })] }));
    expect(pathsOf(result.blockers)).toEqual(['promises[0].owner']);
    expectSentenceNaming(result.blockers[0]?.message ?? '', 'success-owner', 'people.success-owner');
  });

  it('a promise owned by an e-mail needs no role in people', () => {
    const result = gateOf(aRecord({ promises: [aPromise({ owner: 'someone.else@vendor.example' })] }));
    expect(result.blockers).toEqual([]);
  });

  it('a promise without a source is a warning in a core handoff', () => {
    const result = gateOf(aRecord({ promises: [aPromise({ source: undefined })] }));
    expect(result.decision).toBe('go');
    expect(result.blockers).toEqual([]);
    expect(pathsOf(result.warnings)).toEqual(['promises[0].source']);
    expectSentenceNaming(result.warnings[0]?.message ?? '', 'SSO with Azure AD before the pilot');
  });

  it('a promise without a source blocks in a high-risk handoff', () => {
    const result = gateOf(aCompleteRecord('high-risk', { promises: [aPromise({ source: undefined })] }));
    expect(pathsOf(result.blockers)).toEqual(['promises[0].source']);
    expect(result.warnings).toEqual([]);
  });
});

describe.each([
  { list: 'dependencies', noun: 'dependency', build: aDependency },
  { list: 'risks', noun: 'risk', build: aRisk },
  { list: 'questions', noun: 'question', build: aQuestion },
] as const)('$list', ({ list, noun, build }) => {
  const recordWith = (overrides: { owner?: string; due?: string }) => aRecord({ [list]: [build(overrides)] });

  it(`a ${noun} without an owner blocks at ${list}[0].owner`, () => {
    const result = gateOf(recordWith({ owner: undefined }));
    expect(pathsOf(result.blockers)).toEqual([`${list}[0].owner`]);
    expectSentenceNaming(result.blockers[0]?.message ?? '', noun, 'owner');
  });

  it(`a ${noun} without a due date blocks at ${list}[0].due`, () => {
    const result = gateOf(recordWith({ due: undefined }));
    expect(pathsOf(result.blockers)).toEqual([`${list}[0].due`]);
    expectSentenceNaming(result.blockers[0]?.message ?? '', noun, 'due date');
  });

  it(`a ${noun} with neither blocks at both`, () => {
    const result = gateOf(recordWith({ owner: undefined, due: undefined }));
    expect(pathsOf(result.blockers)).toEqual([`${list}[0].owner`, `${list}[0].due`]);
  });
});

describe('exemptions and roles', () => {
  it('an answered question needs no owner and no due date', () => {
    const result = gateOf(
      aRecord({ questions: [aQuestion({ owner: undefined, due: undefined, answer: 'The Leeds depot.' })] }),
    );
    expect(result).toEqual({ decision: 'go', blockers: [], warnings: [] });
  });

  it('an accepted risk needs an owner watching it, but no due date', () => {
    const accepted = 'Customer accepts the delay.';
    expect(gateOf(aRecord({ risks: [aRisk({ due: undefined, accepted })] })).blockers).toEqual([]);
    const unowned = gateOf(aRecord({ risks: [aRisk({ owner: undefined, due: undefined, accepted })] }));
    expect(pathsOf(unowned.blockers)).toEqual(['risks[0].owner']);
  });

  it('a risk owned by a role nobody fills blocks at its owner', () => {
    const result = gateOf(aRecord({ risks: [aRisk({ owner: 'technical-lead' })] }));
    expect(pathsOf(result.blockers)).toEqual(['risks[0].owner']);
    expectSentenceNaming(result.blockers[0]?.message ?? '', 'technical-lead');
  });

  const customerDependencyChaser =
    'a customer dependency is chased by the comms owner by default: an unfilled comms-owner blocks at its chaser';
  it(customerDependencyChaser, () => {
    const result = gateOf(
      aRecord({
        people: somePeople({ 'comms-owner': undefined }),
        questions: [aQuestion({ owner: EMAIL.comms })],
      }),
    );
    expect(pathsOf(result.blockers)).toEqual(['people.comms-owner', 'dependencies[0].chaser']);
    expectSentenceNaming(onlyAt(result.blockers, 'dependencies[0].chaser').message, 'comms-owner');
  });

  it('a named chaser role nobody fills blocks at dependencies[i].chaser', () => {
    const result = gateOf(aRecord({ dependencies: [aDependency({ side: 'vendor', chaser: 'technical-lead' })] }));
    expect(pathsOf(result.blockers)).toEqual(['dependencies[0].chaser']);
  });

  it('an internal dependency has no chaser: its owner role is what must be filled', () => {
    const result = gateOf(
      aRecord({ dependencies: [aDependency({ side: 'internal', owner: 'technical-lead', chaser: 'backup-owner' })] }),
    );
    expect(pathsOf(result.blockers)).toEqual(['dependencies[0].owner']);
  });

  it('a customer dependency owned by a customer e-mail is fine: the customer is not a role of ours', () => {
    const result = gateOf(aRecord({ dependencies: [aDependency({ owner: 'someone@globex.example' })] }));
    expect(result.blockers).toEqual([]);
  });
});
