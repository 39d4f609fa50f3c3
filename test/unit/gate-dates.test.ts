import { describe, it, expect } from 'vitest';
import { aDeal, aDependency, aMilestone, aPromise, aQuestion, aRecord, aRisk, aTimeline } from '../builders/record';
import { expectSentenceNaming, gateOf, onlyAt, pathsOf } from '../builders/findings';

/**
 * Impossible dates block "go"; a weekend or a date already past is a warning. Default calendar
 * (see the builder): contract 2026-12-01, kickoff Mon 2026-12-07, freeze 2026-12-21 – 2027-01-03,
 * pilot 2027-01-11, go-live Mon 2027-02-15.
 */

const SSO = 'SSO with Azure AD before the pilot';

describe('blackouts and weekends', () => {
  it('a due date inside a blackout blocks, naming the date and the blackout', () => {
    const result = gateOf(aRecord({ promises: [aPromise({ due: '2026-12-22' })] }));
    expect(pathsOf(result.blockers)).toEqual(['promises[0].due']);
    expectSentenceNaming(result.blockers[0]?.message ?? '', SSO, '2026-12-22', '2026-12-21 – 2027-01-03');
  });

  it('the first and last days of a blackout are inside it', () => {
    for (const due of ['2026-12-21', '2027-01-03']) {
      const result = gateOf(aRecord({ risks: [aRisk({ due })] }));
      expect(pathsOf(result.blockers)).toEqual(['risks[0].due']);
    }
  });

  it('a milestone computed into a blackout blocks at the milestone', () => {
    // kickoff+2w = 2026-12-21, the freeze's first day.
    const result = gateOf(aRecord({ timeline: aTimeline({ milestones: [aMilestone({ due: 'kickoff+2w' })] }) }));
    expect(pathsOf(result.blockers)).toEqual(['timeline.milestones[0].due']);
    expectSentenceNaming(result.blockers[0]?.message ?? '', 'Pilot depot live', '2026-12-21');
  });

  it('a due date on a weekend is a warning, not a blocker', () => {
    const result = gateOf(aRecord({ promises: [aPromise({ due: '2026-12-12' })] }));
    expect(result.decision).toBe('go');
    expect(pathsOf(result.warnings)).toEqual(['promises[0].due']);
    expectSentenceNaming(result.warnings[0]?.message ?? '', SSO, 'weekend', '2026-12-12');
  });

  it('kickoff on a Sunday warns at timeline.kickoff', () => {
    // kickoff 2026-12-06 (Sun): every +bd date still lands on a weekday.
    const result = gateOf(aRecord({ timeline: aTimeline({ kickoff: '2026-12-06' }) }));
    expect(result.blockers).toEqual([]);
    expect(pathsOf(result.warnings)).toEqual(['timeline.kickoff']);
  });
});

describe('contract and go-live', () => {
  it('a date before the contract starts blocks', () => {
    const result = gateOf(aRecord({ deal: aDeal({ contract: { start: '2026-12-08', termMonths: 12 } }) }));
    // kickoff 2026-12-07 is the only date before 2026-12-08.
    expect(pathsOf(result.blockers)).toEqual(['timeline.kickoff']);
    expectSentenceNaming(result.blockers[0]?.message ?? '', 'kickoff', '2026-12-07', '2026-12-08');
  });

  it('an item due after go-live blocks unless it says why', () => {
    const late = aRecord({ questions: [aQuestion({ due: '2027-02-16' })] });
    const result = gateOf(late);
    expect(pathsOf(result.blockers)).toEqual(['questions[0].due']);
    expectSentenceNaming(
      result.blockers[0]?.message ?? '',
      'Which depot pilots first?',
      '2027-02-16',
      '2027-02-15',
      'afterGoLiveReason',
    );

    const explained = aRecord({
      questions: [aQuestion({ due: '2027-02-16', afterGoLiveReason: 'Asked again at the hypercare review.' })],
    });
    expect(gateOf(explained).blockers).toEqual([]);
  });

  it('a promise, a dependency and a risk due after go-live each block', () => {
    const result = gateOf(
      aRecord({
        promises: [aPromise({ due: 'goLive+1bd' })],
        dependencies: [aDependency({ due: 'goLive+1d', blocks: [] })],
        risks: [aRisk({ due: 'goLive+1w' })],
      }),
    );
    expect(pathsOf(result.blockers)).toEqual(['promises[0].due', 'dependencies[0].due', 'risks[0].due']);
  });

  it('due on the go-live day itself is fine', () => {
    expect(gateOf(aRecord({ risks: [aRisk({ due: 'goLive' })] })).blockers).toEqual([]);
  });

  it('go-live on the kickoff day blocks at timeline.goLive', () => {
    const result = gateOf(
      aRecord({
        timeline: aTimeline({ goLive: '2027-01-18', kickoff: '2027-01-18', milestones: [] }),
        promises: [aPromise({ due: '2027-01-18' })],
        risks: [aRisk({ due: '2027-01-18' })],
        dependencies: [aDependency({ due: '2027-01-18' })],
        questions: [aQuestion({ due: '2027-01-18' })],
      }),
    );
    expect(pathsOf(result.blockers)).toEqual(['timeline.goLive']);
    expectSentenceNaming(result.blockers[0]?.message ?? '', 'Go-live', 'kickoff', '2027-01-18');
  });

  it('go-live before kickoff blocks at timeline.goLive', () => {
    const result = gateOf(aRecord({ timeline: aTimeline({ goLive: 'kickoff-1d' }) }));
    expect(onlyAt(result.blockers, 'timeline.goLive').message).toContain('2026-12-06');
  });

  it('a contract whose term ends before go-live blocks at deal.contract', () => {
    // 2 months from 2026-12-01 run to 2027-01-31 (the day before the anniversary), before go-live.
    const result = gateOf(aRecord({ deal: aDeal({ contract: { start: '2026-12-01', termMonths: 2 } }) }));
    expect(pathsOf(result.blockers)).toEqual(['deal.contract']);
    expectSentenceNaming(result.blockers[0]?.message ?? '', '2027-01-31', '2027-02-15');
  });

  it('a term whose anniversary is the go-live day ends the day before it', () => {
    // 3 months from 2026-11-15 run to 2027-02-14; go-live is 2027-02-15.
    const result = gateOf(aRecord({ deal: aDeal({ contract: { start: '2026-11-15', termMonths: 3 } }) }));
    expect(pathsOf(result.blockers)).toEqual(['deal.contract']);
    expect(result.blockers[0]?.message).toContain('2027-02-14');
  });

  it('a contract whose end date is before go-live blocks at deal.contract', () => {
    const result = gateOf(aRecord({ deal: aDeal({ contract: { start: '2026-12-01', end: '2027-02-14' } }) }));
    expect(pathsOf(result.blockers)).toEqual(['deal.contract']);
  });

  it('a contract ending on go-live day, or running three months, is fine', () => {
    expect(gateOf(aRecord({ deal: aDeal({ contract: { start: '2026-12-01', end: '2027-02-15' } }) })).blockers).toEqual(
      [],
    );
    expect(gateOf(aRecord({ deal: aDeal({ contract: { start: '2026-12-01', termMonths: 3 } }) })).blockers).toEqual([]);
  });

  it('billing starting on another day than kickoff blocks at deal.billingStart', () => {
    const result = gateOf(aRecord({ deal: aDeal({ billingStart: '2026-12-01' }) }));
    expect(pathsOf(result.blockers)).toEqual(['deal.billingStart']);
    expectSentenceNaming(result.blockers[0]?.message ?? '', '2026-12-01', '2026-12-07');
  });

  it('billing starting at kickoff, written either way, is fine', () => {
    expect(gateOf(aRecord({ deal: aDeal({ billingStart: 'kickoff' }) })).blockers).toEqual([]);
    expect(gateOf(aRecord({ deal: aDeal({ billingStart: '2026-12-07' }) })).blockers).toEqual([]);
  });
});

describe('order of items', () => {
  it('a promise due after its milestone blocks', () => {
    // pilot = 2027-01-11; the promise is due a day later.
    const result = gateOf(aRecord({ promises: [aPromise({ milestone: 'pilot', due: '2027-01-12' })] }));
    expect(pathsOf(result.blockers)).toEqual(['promises[0].due']);
    expectSentenceNaming(result.blockers[0]?.message ?? '', SSO, 'pilot', '2027-01-12', '2027-01-11');
  });

  it('a promise due on its milestone day is fine', () => {
    expect(gateOf(aRecord({ promises: [aPromise({ milestone: 'pilot', due: 'pilot' })] })).blockers).toEqual([]);
  });

  it('a dependency due after the promise it blocks blocks', () => {
    // sso is due 2027-01-04; the dependency 2027-01-05.
    const result = gateOf(aRecord({ dependencies: [aDependency({ due: '2027-01-05' })] }));
    expect(pathsOf(result.blockers)).toEqual(['dependencies[0].due']);
    expectSentenceNaming(
      result.blockers[0]?.message ?? '',
      'Customer registers the Azure AD app',
      'sso',
      '2027-01-05',
      '2027-01-04',
    );
  });

  it('a dependency due after the dependency it blocks blocks', () => {
    const result = gateOf(
      aRecord({
        dependencies: [
          aDependency({
            id: 'tenant',
            title: 'Customer shares the tenant id',
            due: '2026-12-15',
            blocks: ['azure-app'],
          }),
          aDependency(), // due 2026-12-10
        ],
      }),
    );
    expect(pathsOf(result.blockers)).toEqual(['dependencies[0].due']);
    expect(result.blockers[0]?.message).toContain('azure-app');
  });

  it('a dependency due after the milestone it blocks blocks', () => {
    const result = gateOf(aRecord({ dependencies: [aDependency({ due: '2027-01-12', blocks: ['pilot'] })] }));
    expect(pathsOf(result.blockers)).toEqual(['dependencies[0].due']);
    expect(result.blockers[0]?.message).toContain('pilot');
  });

  it('blocking a milestone means blocking its promises: the earliest of them counts', () => {
    // sso (milestone pilot) is due 2027-01-04, before the pilot itself (2027-01-11).
    const result = gateOf(
      aRecord({
        promises: [aPromise({ milestone: 'pilot' })],
        dependencies: [aDependency({ due: '2027-01-05', blocks: ['pilot'] })],
      }),
    );
    expect(pathsOf(result.blockers)).toEqual(['dependencies[0].due']);
  });

  it('a dependency due the same day as what it blocks is fine', () => {
    expect(gateOf(aRecord({ dependencies: [aDependency({ due: 'kickoff+10bd' })] })).blockers).toEqual([]);
  });
});

describe('timeline order', () => {
  it('a milestone after go-live blocks at the milestone', () => {
    const result = gateOf(aRecord({ timeline: aTimeline({ milestones: [aMilestone({ due: 'goLive+1bd' })] }) }));
    expect(pathsOf(result.blockers)).toEqual(['timeline.milestones[0].due']);
    expectSentenceNaming(result.blockers[0]?.message ?? '', 'Pilot depot live', '2027-02-16', '2027-02-15');
  });

  it('a milestone on the go-live day is fine', () => {
    expect(gateOf(aRecord({ timeline: aTimeline({ milestones: [aMilestone({ due: 'goLive' })] }) })).blockers).toEqual(
      [],
    );
  });

  it('a review checkpoint before kickoff blocks', () => {
    const result = gateOf(aRecord({ timeline: aTimeline({ reviewCheckpoint: 'kickoff-1bd' }) }));
    expect(pathsOf(result.blockers)).toEqual(['timeline.reviewCheckpoint']);
    expectSentenceNaming(result.blockers[0]?.message ?? '', 'review checkpoint', '2026-12-04', '2026-12-07');
  });
});

describe('unresolved and past dates', () => {
  it('a date relative to an anchor with no date blocks, naming the anchor to set', () => {
    const result = gateOf(
      aRecord({ timeline: aTimeline({ goLive: undefined }), risks: [aRisk({ due: 'goLive-1w' })] }),
    );
    expect(pathsOf(result.blockers)).toEqual(['timeline.goLive', 'risks[0].due']);
    expectSentenceNaming(
      onlyAt(result.blockers, 'risks[0].due').message,
      'Peak-season freeze may push go-live',
      'goLive',
    );
  });

  it('a milestone hanging on a missing kickoff blocks at the milestone, and so does each date hanging on it', () => {
    const result = gateOf(
      aRecord({
        timeline: aTimeline({ kickoff: undefined }),
        promises: [aPromise({ due: 'pilot+1bd' })],
        dependencies: [aDependency({ due: '2026-12-10' })],
        questions: [aQuestion({ due: '2026-12-09' })],
      }),
    );
    expect(pathsOf(result.blockers)).toEqual(['timeline.kickoff', 'timeline.milestones[0].due', 'promises[0].due']);
  });

  it('an item due before today is a warning', () => {
    // at 2026-12-10 the question (2026-12-09) is overdue; the dependency (2026-12-10) is due today.
    const result = gateOf(aRecord(), { today: '2026-12-10' });
    expect(result.decision).toBe('go');
    expect(pathsOf(result.warnings)).toEqual(['questions[0].due']);
    expectSentenceNaming(result.warnings[0]?.message ?? '', 'Which depot pilots first?', '2026-12-09', 'today');
  });

  it('dates of timeline approvals are checked like every other date', () => {
    const result = gateOf(
      aRecord({
        timeline: aTimeline({ approvals: [{ what: 'Security sign-off', owner: 'approval-owner', due: '2026-12-24' }] }),
      }),
    );
    expect(pathsOf(result.blockers)).toEqual(['timeline.approvals[0].due']);
    expect(result.blockers[0]?.message).toContain('Security sign-off');
  });
});
