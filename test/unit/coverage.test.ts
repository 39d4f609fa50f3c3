import { describe, it, expect } from 'vitest';
import { coverage } from '../../src/domain/plan/coverage';
import { buildPlan } from '../../src/domain/plan/plan';
import { aPromise, aRecord, aTimeline, EMAIL, parse, type RecordInput } from '../builders/record';

/** "Every commitment … must map to a deliverable, owner, timeline, or explicit exclusion." */

const R = 'globex-rollout';
const SSO = 'SSO with Azure AD before the pilot';

function coverageOf(input: RecordInput) {
  const record = parse(input);
  return coverage(record, buildPlan(record, { target: 'jira' }));
}

describe('coverage', () => {
  it('a promise with an owner and a date is planned; an excluded one is excluded with its reason', () => {
    expect(coverageOf(aRecord())).toEqual({
      complete: true,
      promises: [
        {
          promiseId: 'sso',
          path: 'promises[0]',
          title: SSO,
          status: 'planned',
          itemId: `${R}/promise/sso`,
          assignee: EMAIL.delivery,
          due: '2027-01-04',
        },
        {
          promiseId: 'bi',
          path: 'promises[1]',
          title: 'Custom BI dashboards',
          status: 'excluded',
          reason: 'Out of scope per SOW section 3.1; offered as a paid add-on.',
        },
      ],
    });
  });

  it.each([
    ['no owner', { owner: undefined }, ['owner']],
    ['no due date', { due: undefined }, ['due date']],
    ['neither', { owner: undefined, due: undefined }, ['owner', 'due date']],
    ['an owner role nobody fills', { owner: 'success-owner' }, ['owner']],
  ])('a promise with %s is unowned, saying what is missing', (_what, overrides, missing) => {
    const report = coverageOf(aRecord({ promises: [aPromise(overrides)], dependencies: [] }));
    expect(report.complete).toBe(false);
    expect(report.promises).toEqual([
      { promiseId: 'sso', path: 'promises[0]', title: SSO, status: 'unowned', itemId: `${R}/promise/sso`, missing },
    ]);
  });

  it('a due date whose anchor has no date is a missing due date', () => {
    const report = coverageOf(
      aRecord({
        timeline: aTimeline({ goLive: undefined }),
        promises: [aPromise({ due: 'goLive-1w' })],
        dependencies: [],
      }),
    );
    expect(report.promises[0]).toMatchObject({ status: 'unowned', missing: ['due date'] });
  });

  it('a promise the plan does not hold is missing', () => {
    const record = parse(
      aRecord({ promises: [aPromise(), aPromise({ id: 'late-addition', title: 'Added after planning' })] }),
    );
    const staleRecord = parse(aRecord({ promises: [aPromise()] }));
    const report = coverage(record, buildPlan(staleRecord, { target: 'jira' }));
    expect(report.complete).toBe(false);
    expect(report.promises[1]).toEqual({
      promiseId: 'late-addition',
      path: 'promises[1]',
      title: 'Added after planning',
      status: 'missing',
    });
  });

  it('a record without promises is complete', () => {
    expect(coverageOf(aRecord({ promises: [], dependencies: [] }))).toEqual({ promises: [], complete: true });
  });
});
