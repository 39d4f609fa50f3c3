import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { formatIsoDay, isWeekend, parseIsoDay, type Day } from '../../src/domain/dates/calendar';
import { parseDateExpression } from '../../src/domain/dates/date-expression';
import { addBusinessDays, isBusinessDay, mergeBlackouts, type DayRange } from '../../src/domain/dates/business-days';
import { resolveDate, resolveTimeline } from '../../src/domain/dates/timeline';
import { recordShape } from '../../src/domain/record/record';
import { readRecord, validateRecord } from '../../src/domain/record/read-record';
import { aBlackout, aMilestone, aPromise, aRecord, aTimeline, parse, type TimelineInput } from '../builders/record';

/**
 * The date grammar and the calendar. Weekdays for reference:
 *   2026-12: Fri 4, Sat 5, Sun 6, Mon 7, Fri 11, Sat 12, Sun 13, Mon 14, Fri 18, Mon 21, Thu 31
 *   2027-01: Fri 1, Sat 2, Sun 3, Mon 4, Fri 8, Mon 11, Wed 13;  2027-02: Mon 1, Mon 15
 */

function day(iso: string): Day {
  const d = parseIsoDay(iso);
  if (d === null) throw new Error(`not a date: ${iso}`);
  return d;
}

const range = (from: string, to: string): DayRange => ({ from: day(from), to: day(to) });
const plusBd = (from: string, count: number, blackouts: DayRange[] = []) =>
  formatIsoDay(addBusinessDays(day(from), count, mergeBlackouts(blackouts)));

describe('parseDateExpression', () => {
  it('reads an absolute ISO date', () => {
    expect(parseDateExpression('2026-12-07')).toEqual({ kind: 'absolute', day: day('2026-12-07') });
  });

  it.each(['2026-02-30', '2027-02-29', '2026-13-01', '2026-00-10', '2026-12-32', '2026-1-5', '2026-12-07T00:00'])(
    'rejects the impossible or malformed date %s',
    (text) => {
      expect(parseDateExpression(text)).toBeNull();
    },
  );

  it('accepts 29 February in a leap year (2028) but not in 2027', () => {
    expect(parseDateExpression('2028-02-29')).toEqual({ kind: 'absolute', day: day('2028-02-29') });
    expect(parseDateExpression('2027-02-29')).toBeNull();
  });

  it.each([
    ['kickoff+10bd', 'kickoff', 10, 'bd'],
    ['kickoff+5d', 'kickoff', 5, 'd'],
    ['contractStart+1w', 'contractStart', 1, 'w'],
    ['goLive-2w', 'goLive', -2, 'w'],
    ['pilot-3bd', 'pilot', -3, 'bd'],
    ['goLive-1d', 'goLive', -1, 'd'],
    ['kickoff+0bd', 'kickoff', 0, 'bd'],
    ['goLive', 'goLive', 0, 'd'],
    ['phase-2', 'phase-2', 0, 'd'],
    ['phase-2-5bd', 'phase-2', -5, 'bd'],
    ['phase-2+1w', 'phase-2', 1, 'w'],
    ['kickoff+9999d', 'kickoff', 9999, 'd'],
  ])('reads %s as anchor %s, offset %i, unit %s', (text, anchor, offset, unit) => {
    expect(parseDateExpression(text)).toEqual({ kind: 'relative', anchor, offset, unit });
  });

  it.each([
    '',
    'kickoff+10',
    'kickoff + 1d',
    'kickoff+1y',
    'kickoff+10000d',
    '+5d',
    'kickoff+-1d',
    '-kickoff',
    'kickoff+1.5d',
    'kick off',
  ])('rejects %j', (text) => {
    expect(parseDateExpression(text)).toBeNull();
  });
});

describe('addBusinessDays', () => {
  it('skips the weekend: Fri 2026-12-04 +1bd is Mon 2026-12-07', () => {
    expect(plusBd('2026-12-04', 1)).toBe('2026-12-07');
  });

  it('a week of business days: Mon 2026-12-07 +5bd is Mon 2026-12-14', () => {
    expect(plusBd('2026-12-07', 5)).toBe('2026-12-14');
  });

  it('counts backwards over the weekend: Mon 2026-12-07 -1bd is Fri 2026-12-04', () => {
    expect(plusBd('2026-12-07', -1)).toBe('2026-12-04');
  });

  it('+0bd on a weekend is that weekend day, as written', () => {
    expect(plusBd('2026-12-05', 0)).toBe('2026-12-05');
  });

  it('from a Saturday, +1bd is Monday and -1bd is Friday', () => {
    expect(plusBd('2026-12-05', 1)).toBe('2026-12-07');
    expect(plusBd('2026-12-05', -1)).toBe('2026-12-04');
  });

  it('wraps the year: Thu 2026-12-31 +1bd is Fri 2027-01-01, +2bd is Mon 2027-01-04', () => {
    expect(plusBd('2026-12-31', 1)).toBe('2027-01-01');
    expect(plusBd('2026-12-31', 2)).toBe('2027-01-04');
    expect(plusBd('2027-01-04', -2)).toBe('2026-12-31');
  });

  it('skips a blackout spanning a weekend: Thu 12-10 +1bd with Fri 12-11 – Mon 12-14 out is Tue 12-15', () => {
    expect(plusBd('2026-12-10', 1, [range('2026-12-11', '2026-12-14')])).toBe('2026-12-15');
    expect(plusBd('2026-12-15', -1, [range('2026-12-11', '2026-12-14')])).toBe('2026-12-10');
  });

  it('skips adjacent blackouts as one: 12-14..12-16 then 12-17..12-18, from Fri 12-11 +1bd is Mon 12-21', () => {
    const blackouts = [range('2026-12-14', '2026-12-16'), range('2026-12-17', '2026-12-18')];
    expect(plusBd('2026-12-11', 1, blackouts)).toBe('2026-12-21');
    expect(plusBd('2026-12-21', -1, blackouts)).toBe('2026-12-11');
  });

  it('skips overlapping blackouts in either order: 12-14..12-17 and 12-16..12-22, Fri 12-11 +1bd is Wed 12-23', () => {
    const blackouts = [range('2026-12-14', '2026-12-17'), range('2026-12-16', '2026-12-22')];
    expect(plusBd('2026-12-11', 1, blackouts)).toBe('2026-12-23');
    expect(plusBd('2026-12-11', 1, [...blackouts].reverse())).toBe('2026-12-23');
    expect(plusBd('2026-12-23', -1, blackouts)).toBe('2026-12-11');
    expect(plusBd('2026-12-23', -1, [...blackouts].reverse())).toBe('2026-12-11');
  });

  it('skips a blackout nested inside another: 12-14..12-22 and 12-16..12-17', () => {
    const blackouts = [range('2026-12-16', '2026-12-17'), range('2026-12-14', '2026-12-22')];
    expect(plusBd('2026-12-11', 1, blackouts)).toBe('2026-12-23');
    expect(plusBd('2026-12-23', -1, blackouts)).toBe('2026-12-11');
  });

  it('starting inside a blackout: Wed 12-16 in 12-14..12-18, +1bd is Mon 12-21, -1bd Fri 12-11, +0bd itself', () => {
    const blackouts = [range('2026-12-14', '2026-12-18')];
    expect(plusBd('2026-12-16', 1, blackouts)).toBe('2026-12-21');
    expect(plusBd('2026-12-16', -1, blackouts)).toBe('2026-12-11');
    expect(plusBd('2026-12-16', 0, blackouts)).toBe('2026-12-16');
  });

  it('counts backwards across a blackout: Mon 2027-01-04 -1bd over 12-21..01-03 is Fri 12-18, -3bd Wed 12-16', () => {
    const freeze = [range('2026-12-21', '2027-01-03')];
    expect(plusBd('2027-01-04', -1, freeze)).toBe('2026-12-18');
    expect(plusBd('2027-01-04', -3, freeze)).toBe('2026-12-16');
  });

  it('jumps a year-long freeze without walking it', () => {
    // 2027 is out entirely; Thu 2026-12-31 +1bd is Mon 2028-01-03 (Sat 1, Sun 2 January 2028).
    expect(plusBd('2026-12-31', 1, [range('2027-01-01', '2027-12-31')])).toBe('2028-01-03');
  });

  const anyDay = fc.integer({ min: day('2020-01-01'), max: day('2035-12-31') });
  const blackoutList = fc
    .array(
      fc.tuple(anyDay, fc.integer({ min: 0, max: 40 })).map(([from, length]) => ({ from, to: from + length })),
      { maxLength: 4 },
    )
    .map(mergeBlackouts);

  it('property: n ≠ 0 business days land on a business day, on the side the sign says', () => {
    fc.assert(
      fc.property(
        anyDay,
        fc.integer({ min: -60, max: 60 }).filter((n) => n !== 0),
        blackoutList,
        (start, n, blackouts) => {
          const end = addBusinessDays(start, n, blackouts);
          expect(isBusinessDay(end, blackouts)).toBe(true);
          expect(Math.sign(end - start)).toBe(Math.sign(n));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: exactly |n| business days lie between the start (exclusive) and the end (inclusive)', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: -40, max: 40 }), blackoutList, (start, n, blackouts) => {
        const end = addBusinessDays(start, n, blackouts);
        const [lo, hi] = n >= 0 ? [start + 1, end] : [end, start - 1];
        let count = 0;
        for (let d = lo; d <= hi; d += 1) if (isBusinessDay(d, blackouts)) count += 1;
        expect(count).toBe(Math.abs(n));
      }),
      { numRuns: 300 },
    );
  });

  it('without blackouts, five business days are exactly a week from a weekday', () => {
    fc.assert(
      fc.property(
        anyDay.filter((d) => !isWeekend(d)),
        (start) => {
          expect(addBusinessDays(start, 5, mergeBlackouts([]))).toBe(start + 7);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('resolveTimeline and resolveDate', () => {
  const timelineOf = (timeline: TimelineInput) => resolveTimeline(parse(aRecord({ timeline }))).timeline;
  const anchorIso = (timeline: ReturnType<typeof timelineOf>, name: string) => {
    const d = timeline.anchors.get(name);
    return d == null ? d : formatIsoDay(d);
  };

  it('resolves the built-in anchors and a milestone across the freeze', () => {
    const timeline = timelineOf(aTimeline());
    expect(anchorIso(timeline, 'contractStart')).toBe('2026-12-01');
    expect(anchorIso(timeline, 'kickoff')).toBe('2026-12-07');
    expect(anchorIso(timeline, 'goLive')).toBe('2027-02-15');
    // kickoff+15bd: Dec 8–11, 14–18 (9), freeze to Jan 3, Jan 4–8 (14), Mon Jan 11 (15).
    expect(anchorIso(timeline, 'pilot')).toBe('2027-01-11');
  });

  it('resolves every unit and sign against the record calendar', () => {
    const timeline = timelineOf(aTimeline());
    const iso = (text: string) => {
      const d = resolveDate(text, timeline);
      return d === null ? null : formatIsoDay(d);
    };
    expect(iso('2026-12-09')).toBe('2026-12-09');
    expect(iso('kickoff+3d')).toBe('2026-12-10');
    expect(iso('kickoff+2w')).toBe('2026-12-21'); // calendar weeks ignore the freeze
    expect(iso('kickoff+10bd')).toBe('2027-01-04'); // 9 before the freeze, the 10th after it
    expect(iso('goLive-2w')).toBe('2027-02-01');
    expect(iso('goLive-1d')).toBe('2027-02-14');
    expect(iso('pilot-3bd')).toBe('2027-01-06'); // Jan 11 → Fri 8, Thu 7, Wed 6
    expect(iso('pilot-6bd')).toBe('2026-12-18'); // … Tue 5, Mon 4, then over the freeze to Fri Dec 18
    expect(iso('pilot')).toBe('2027-01-11');
    expect(iso('contractStart+0bd')).toBe('2026-12-01');
  });

  it('a relative date whose anchor has no date resolves to null', () => {
    const timeline = timelineOf(aTimeline({ goLive: undefined, milestones: [aMilestone({ due: 'goLive-1w' })] }));
    expect(timeline.anchors.get('goLive') ?? null).toBeNull();
    expect(timeline.anchors.get('pilot') ?? null).toBeNull();
    expect(resolveDate('goLive+1d', timeline)).toBeNull();
    expect(resolveDate('pilot', timeline)).toBeNull();
  });

  it('go-live relative to kickoff: kickoff+10w from Mon 2026-12-07 is Mon 2027-02-15', () => {
    expect(anchorIso(timelineOf(aTimeline({ goLive: 'kickoff+10w' })), 'goLive')).toBe('2027-02-15');
  });

  it('resolves a chain m3 → m2 → m1 → kickoff whatever the listing order', () => {
    // m1 = kickoff+2w = Mon Dec 21 (inside the freeze, still its date);
    // m2 = m1+3bd: Dec 22…Jan 3 frozen, Jan 4, 5, 6 → Wed Jan 6;  m3 = m2+1w = Wed Jan 13.
    const timeline = timelineOf(
      aTimeline({
        milestones: [
          aMilestone({ id: 'm3', name: 'Third', due: 'm2+1w' }),
          aMilestone({ id: 'm2', name: 'Second', due: 'm1+3bd' }),
          aMilestone({ id: 'm1', name: 'First', due: 'kickoff+2w' }),
        ],
      }),
    );
    expect(anchorIso(timeline, 'm1')).toBe('2026-12-21');
    expect(anchorIso(timeline, 'm2')).toBe('2027-01-06');
    expect(anchorIso(timeline, 'm3')).toBe('2027-01-13');
  });

  it('kickoff relative to go-live and a milestone relative to kickoff', () => {
    // goLive-10w = Mon Dec 7; +1bd = Tue Dec 8.
    const timeline = timelineOf(aTimeline({ kickoff: 'goLive-10w', milestones: [aMilestone({ due: 'kickoff+1bd' })] }));
    expect(anchorIso(timeline, 'kickoff')).toBe('2026-12-07');
    expect(anchorIso(timeline, 'pilot')).toBe('2026-12-08');
  });

  it('milestone ids with dashes: phase-2, phase-2-5bd, phase-2+1d', () => {
    // phase-2 = kickoff+4w = Mon Jan 4; -5bd: freeze back to Fri Dec 18 (1), 17, 16, 15, Mon Dec 14 (5).
    const record = parse(
      aRecord({
        timeline: aTimeline({ milestones: [aMilestone({ id: 'phase-2', name: 'Phase 2', due: 'kickoff+4w' })] }),
        promises: [aPromise({ due: 'phase-2-5bd', milestone: 'phase-2' })],
      }),
    );
    const { timeline, problems } = resolveTimeline(record);
    expect(problems).toEqual([]);
    expect(formatIsoDay(resolveDate('phase-2', timeline) ?? 0)).toBe('2027-01-04');
    expect(formatIsoDay(resolveDate('phase-2-5bd', timeline) ?? 0)).toBe('2026-12-14');
    expect(formatIsoDay(resolveDate('phase-2+1d', timeline) ?? 0)).toBe('2027-01-05');
  });

  it('a blackout in the record is skipped by business days only', () => {
    const timeline = timelineOf(aTimeline({ blackouts: [aBlackout({ from: '2026-12-08', to: '2026-12-09' })] }));
    expect(formatIsoDay(resolveDate('kickoff+1bd', timeline) ?? 0)).toBe('2026-12-10');
    expect(formatIsoDay(resolveDate('kickoff+1d', timeline) ?? 0)).toBe('2026-12-08');
  });
});

describe('cycles and unknown anchors', () => {
  it('kickoff and go-live defined by each other: a problem at timeline.kickoff naming the circle', () => {
    const shape = recordShape.parse(
      aRecord({ timeline: aTimeline({ kickoff: 'goLive-10w', goLive: 'kickoff+10w', milestones: [] }) }),
    );
    const { timeline, problems } = resolveTimeline(shape);
    expect(problems).toEqual([
      { path: 'timeline.kickoff', message: expect.stringContaining('kickoff → goLive → kickoff') },
    ]);
    expect(timeline.anchors.get('kickoff') ?? null).toBeNull();
    expect(timeline.anchors.get('goLive') ?? null).toBeNull();
  });

  it('validateRecord reports a milestone cycle with its path and the circle', () => {
    const result = validateRecord(
      aRecord({
        timeline: aTimeline({
          milestones: [
            aMilestone({ id: 'm1', name: 'One', due: 'm2+1d' }),
            aMilestone({ id: 'm2', name: 'Two', due: 'm1+1bd' }),
          ],
        }),
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { path: 'timeline.milestones[0].due', message: expect.stringContaining('m1 → m2 → m1') },
    ]);
  });

  it('a milestone relative to itself is a circle of one', () => {
    const result = validateRecord(aRecord({ timeline: aTimeline({ milestones: [aMilestone({ due: 'pilot+1d' })] }) }));
    expect(result.ok || result.problems).toEqual([
      { path: 'timeline.milestones[0].due', message: expect.stringContaining('pilot → pilot') },
    ]);
  });

  it('readRecord reports a cycle at the line of the date that closes it', () => {
    const text = [
      'version: 1',
      'id: loop',
      'title: Loop',
      'scenario: lightweight',
      'customer: { company: Loop Ltd }',
      'timeline:',
      '  kickoff: goLive-2w',
      '  goLive: kickoff+2w',
    ].join('\n');
    const result = readRecord(text);
    expect(result.ok || result.problems).toEqual([
      { path: 'timeline.kickoff', message: expect.stringContaining('kickoff → goLive → kickoff'), line: 7, column: 12 },
    ]);
  });

  it('an unknown anchor is reported at the date that uses it, with the anchors that exist', () => {
    const result = validateRecord(aRecord({ promises: [aPromise({ due: 'pilott+2bd' })] }));
    expect(result.ok || result.problems).toEqual([
      {
        path: 'promises[0].due',
        message: 'unknown date anchor "pilott": use one of kickoff, goLive, contractStart, pilot',
      },
    ]);
  });

  it('an unknown anchor in a milestone is reported at the milestone', () => {
    const result = validateRecord(aRecord({ timeline: aTimeline({ milestones: [aMilestone({ due: 'design+1w' })] }) }));
    expect(result.ok || result.problems.map((p) => p.path)).toEqual(['timeline.milestones[0].due']);
  });

  it('a milestone id shaped like an offset (wave-2d) is rejected where it is defined', () => {
    // The grammar reads `wave-2d` as "wave minus 2 days", so such an id could never be an anchor.
    const result = validateRecord(
      aRecord({
        timeline: aTimeline({ milestones: [aMilestone({ id: 'wave-2d', name: 'Wave two done', due: 'kickoff+4w' })] }),
      }),
    );
    expect(result.ok || result.problems.map((p) => p.path)).toEqual(['timeline.milestones[0].id']);
  });

  it.each(['phase-2', 'wave-2x', 'step-10'])('a milestone id with dashes and digits such as %s is fine', (id) => {
    expect(validateRecord(aRecord({ timeline: aTimeline({ milestones: [aMilestone({ id })] }) })).ok).toBe(true);
  });
});

describe('formatIsoDay', () => {
  it('writes every day Jira and Asana take as the Date of that day does, leap days and century years included', () => {
    const asDate = (d: Day) => new Date(d * 86_400_000).toISOString().slice(0, 10);
    for (const d of [-25_567, -1, 0, 59, 60, 11_016, 10_956, 47_541, 2_932_896])
      expect(formatIsoDay(d)).toBe(asDate(d));
    fc.assert(
      fc.property(fc.integer({ min: -25_567, max: 2_932_896 }), (d) => formatIsoDay(d) === asDate(d)),
      { numRuns: 20_000 },
    );
    for (let d = -800; d < 800; d += 1) expect(formatIsoDay(11_000 + d)).toBe(asDate(11_000 + d));
  });
});
