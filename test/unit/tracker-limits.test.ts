import { describe, expect, it } from 'vitest';
import { readRecord, validateRecord } from '../../src/domain/record/read-record';
import { evaluateGate } from '../../src/domain/gate/gate';
import { buildPlan } from '../../src/domain/plan/plan';
import { descriptionSize } from '../../src/domain/plan/tracker-limits';
import { parseIsoDay } from '../../src/domain/dates/calendar';
import type { Problem } from '../../src/domain/problem';
import { aMilestone, aPromise, aRecord, aTimeline, parse, TODAY, type RecordInput } from '../builders/record';

/**
 * Attack F8, F9, F18 and F19 (the attack report filed with issue 14): a record that validates never
 * fails late. What Jira or Asana would refuse is said at the field, before anything is written.
 */
const problems = (input: unknown): Problem[] => {
  const result = validateRecord(input);
  return result.ok ? [] : result.problems;
};
const gate = (input: RecordInput) => evaluateGate(parse(input), { today: TODAY });

describe('attack F19: what a record is, and what a wrong value is', () => {
  it.each([
    ['an empty file', '', 'nothing'],
    ['only comments', '# a record will go here\n', 'nothing'],
    ['a list', '- version: 1\n', 'a list'],
    ['a number', '42\n', 'a number'],
    ['null', 'null\n', 'nothing'],
  ])('%s says a record is a mapping, and what the file holds instead', (_, text, holds) => {
    const result = readRecord(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      expect.objectContaining({ path: '', line: 1, column: 1, message: expect.stringContaining(`holds ${holds}`) }),
    ]);
    expect(result.problems[0]?.message).toContain('a record is a mapping of fields — version: 1, id, title');
  });

  it('a value of the wrong type is called wrong, not missing', () => {
    const result = readRecord('version: 1\nid: !!binary aGVsbG8=\ntitle: 5\n');
    expect(result.ok ? [] : result.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'id', message: 'must be text, not binary data', line: 2 }),
        expect.objectContaining({ path: 'title', message: 'must be text, not a number', line: 3 }),
        expect.objectContaining({ path: 'scenario', message: expect.stringMatching(/^is required: must be one of/) }),
      ]),
    );
  });

  it('years below 100 are read as written, and refused as outside 1900–9999 once', () => {
    const day = parseIsoDay('0050-03-01');
    expect(day === null ? null : new Date(day * 86_400_000).toISOString().slice(0, 10)).toBe('0050-03-01');
    const said = problems(aRecord({ timeline: aTimeline({ kickoff: '0050-03-01' }) }));
    expect(said).toEqual([
      expect.objectContaining({ path: 'timeline.kickoff', message: 'must be a date between the years 1900 and 9999' }),
    ]);
  });
});

describe('attack F9 and F18: dates that land outside what the trackers take', () => {
  it('a go-live computed past 9999 is refused at timeline.goLive (the gate used to say GO)', () => {
    const said = problems(aRecord({ timeline: aTimeline({ kickoff: '9999-06-01', goLive: 'kickoff+600w' }) }));
    expect(said).toEqual([
      expect.objectContaining({
        path: 'timeline.goLive',
        message: 'lands on a day in the year 10010, outside the years 1900–9999 that Jira and Asana take for a date',
      }),
    ]);
  });

  it('an item date on a sound anchor can still land past 9999, and is refused at its own field', () => {
    const said = problems(
      aRecord({
        timeline: aTimeline({ kickoff: '9999-06-01', goLive: '9999-09-01' }),
        promises: [aPromise({ due: 'goLive+52w' })],
      }),
    );
    expect(said).toEqual([
      expect.objectContaining({ path: 'promises[0].due', message: expect.stringContaining('10000') }),
    ]);
  });

  it('1,500 chained milestones of +9999w: refused at the first that leaves the calendar, not a crash', () => {
    const milestones = Array.from({ length: 1500 }, (_, i) =>
      aMilestone({ id: `ms-${i}`, name: `M${i}`, due: i === 0 ? 'kickoff+1w' : `ms-${i - 1}+9999w` }),
    );
    const said = problems(aRecord({ timeline: aTimeline({ milestones }) }));
    expect(said).toEqual([expect.objectContaining({ path: 'timeline.milestones[42].due' })]);
  });

  it('20,000 milestones each hanging on the next resolve without exhausting the stack, and gate', () => {
    const n = 20_000;
    const milestones = Array.from({ length: n }, (_, i) =>
      aMilestone({ id: `ms-${i}`, name: `M${i}`, due: i === n - 1 ? 'kickoff+1w' : `ms-${i + 1}+1bd` }),
    );
    const record = parse(aRecord({ timeline: aTimeline({ milestones, goLive: 'ms-0+5bd' }) }));
    const plan = buildPlan(record, { target: 'jira' });
    expect(plan.milestones.at(-1)?.due).toBe('2026-12-14');
    expect(evaluateGate(record, { today: TODAY }).decision).toBeDefined();
  });
});

describe('attack F18: Jira summary and description limits, refused or warned, never silently cut', () => {
  it('a title too long for a Jira summary is a warning at the title, and stays whole in the description', () => {
    const title = `Migrate ${'x'.repeat(290)}`;
    const result = gate(aRecord({ promises: [aPromise({ title })] }));
    expect(result.warnings).toContainEqual(
      expect.objectContaining({
        path: 'promises[0].title',
        message: expect.stringContaining('a Jira summary holds 255'),
      }),
    );
    const item = buildPlan(parse(aRecord({ promises: [aPromise({ title })] })), { target: 'jira' }).items.find(
      (i) => i.kind === 'promise',
    );
    expect(item?.summary).toHaveLength(255);
    expect(item?.description.facts[0]).toEqual({ label: 'Full title', value: title });
  });

  it('Asana keeps the title whole, so nothing is said for it', () => {
    const item = buildPlan(parse(aRecord({ promises: [aPromise({ title: 'y'.repeat(300) })] })), {
      target: 'asana',
    }).items.find((i) => i.kind === 'promise');
    expect(item?.summary).toHaveLength(300);
    expect(item?.description.facts.some((f) => f.label === 'Full title')).toBe(false);
  });

  it('a detail that would overflow a Jira description blocks the gate at that detail', () => {
    const result = gate(aRecord({ promises: [aPromise({ detail: 'line\n'.repeat(6_000) })] }));
    expect(result.decision).toBe('not-yet');
    expect(result.blockers).toEqual([
      expect.objectContaining({ path: 'promises[0].detail', message: expect.stringContaining('32,767') }),
    ]);
  });

  it('a text over 32,767 characters is refused by validation, at the field', () => {
    expect(problems(aRecord({ promises: [aPromise({ detail: 'z'.repeat(32_768) })] }))).toEqual([
      expect.objectContaining({ path: 'promises[0].detail', message: expect.stringContaining('at most 32,767') }),
    ]);
  });
});

describe('descriptionSize', () => {
  it('counts each text as JSON writes it: escapes, emoji and lone surrogate halves included', () => {
    const texts = [
      'plain',
      'a "quoted" \\ path',
      'tab\there\nnewline',
      'ctrl \u0001 and \u0085',
      'emoji 🚀',
      'lone \ud800',
    ];
    for (const detail of texts) {
      const description = { detail, source: null, facts: [], handoff: { recordId: 'r', title: 't' } };
      expect(descriptionSize(description)).toBe(JSON.stringify(detail).length + 3 + 3);
    }
  });
});
