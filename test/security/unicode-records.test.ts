import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { evaluateGate } from '../../src/domain/gate/gate';
import { buildPlan } from '../../src/domain/plan/plan';
import { readRecord, validateRecord } from '../../src/domain/record/read-record';
import type { HandoffRecord } from '../../src/domain/record/record';
import { renderSummary } from '../../src/domain/summary';
import { notesFor } from '../../src/trackers/asana/asana-notes';
import { descriptionToAdf } from '../../src/trackers/jira/adf';
import { fullRecord, HOSTILE, textFields, unicodeText, withTexts } from './support/hostile';

/**
 * Records whose text fields hold any Unicode — right-to-left overrides, combining marks, emoji
 * sequences, control characters (not NUL), lone surrogates, Markdown and HTML — either validate
 * or fail with every problem at its field; valid ones go through the gate, both plans, the
 * summary, ADF and Asana notes without an exception.
 */

const TODAY = '2026-12-01';
const base = fullRecord();
const FIELDS = textFields(base);
const dotted = FIELDS.map((p) => p.join('.'));

function everythingRenders(record: HandoffRecord): void {
  const gate = evaluateGate(record, { today: TODAY });
  expect(['go', 'not-yet']).toContain(gate.decision);
  for (const target of ['jira', 'asana'] as const) {
    const plan = buildPlan(record, { target });
    for (const item of plan.items) {
      expect(descriptionToAdf(item.description).type).toBe('doc');
      expect(notesFor(item.description, { recordId: record.id, itemId: item.itemId, planHash: plan.hash })).toContain(
        `handoff-item: ${record.id} ${item.itemId}`,
      );
      if (target === 'jira') expect(Array.from(item.summary).length).toBeLessThanOrEqual(255);
    }
  }
  expect(renderSummary(record, { today: TODAY })).toMatch(/^# /);
}

/** A subset of the text fields, each with its own random text. */
const someFields = fc
  .subarray(FIELDS, { minLength: 1 })
  .chain((paths) =>
    fc.tuple(fc.constant(paths), fc.array(unicodeText, { minLength: paths.length, maxLength: paths.length })),
  );

describe('text fields, found by trying hostile text in every string of a full record', () => {
  it('are every free-text field of the record, and nothing that is an id, e-mail, date, enum or link', () => {
    expect(dotted).toEqual(
      expect.arrayContaining([
        'title',
        'customer.company',
        'customer.contacts.0.name',
        'customer.contacts.0.title',
        'deal.purchased.0',
        'deal.serviceLevel',
        'outcome.why',
        'scope.included.0',
        'timeline.milestones.0.name',
        'timeline.blackouts.0.reason',
        'timeline.approvals.0.what',
        'technicalEnvironment.systems.0.role',
        'technicalEnvironment.migration',
        'promises.0.title',
        'promises.0.detail',
        'promises.0.afterGoLiveReason',
        'promises.0.source.note',
        'promises.0.source.section',
        'promises.0.source.at',
        'promises.1.excluded',
        'dependencies.0.title',
        'dependencies.0.detail',
        'risks.0.mitigation',
        'risks.1.accepted',
        'questions.1.answer',
        'exceptions.0.title',
        'signoffs.delivery.blockers.0',
        'transfer.note',
        'transfer.relationshipContext',
        'automation.kickoffStatus',
        'links.0.title',
      ]),
    );
    for (const notText of [
      'id',
      'scenario',
      'promises.0.id',
      'promises.0.owner',
      'promises.0.due',
      'promises.0.source.url',
      'people.delivery-owner',
      'customer.contacts.0.email',
      'exceptions.0.record',
      'automation.kickoffIssue',
    ]) {
      expect(dotted).not.toContain(notText);
    }
    expect(FIELDS.length).toBeGreaterThan(50);
  });

  it('hostile text in all of them at once validates, and everything renders', () => {
    const result = validateRecord(withTexts(base, FIELDS, () => HOSTILE));
    expect(result.ok).toBe(true);
    if (result.ok) everythingRenders(result.value);
  });
});

describe('random Unicode in random text fields', () => {
  it('validates, or fails with every problem at a field that was changed; valid records render everywhere', () => {
    fc.assert(
      fc.property(someFields, ([paths, texts]) => {
        const changed = paths.map((p) => p.join('.'));
        const result = validateRecord(withTexts(base, paths, (p) => texts[paths.indexOf(p)] ?? ''));
        if (result.ok) return everythingRenders(result.value);
        for (const problem of result.problems) {
          // `promises.0.title` is written `promises[0].title` in problems.
          expect(changed, JSON.stringify(problem)).toContain(problem.path.replace(/\[(\d+)\]/g, '.$1'));
          expect(problem.message).toMatch(/must not be empty|required|must have visible text/);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the same records as YAML text: readRecord gives the same answer, with line numbers', () => {
    fc.assert(
      fc.property(someFields, ([paths, texts]) => {
        const value = withTexts(base, paths, (p) => texts[paths.indexOf(p)] ?? '');
        const fromText = readRecord(stringify(value));
        const fromValue = validateRecord(value);
        expect(fromText.ok).toBe(fromValue.ok);
        if (fromText.ok) everythingRenders(fromText.value);
        else
          for (const problem of fromText.problems)
            expect(problem).toMatchObject({
              path: expect.stringMatching(/./),
              line: expect.any(Number),
              column: expect.any(Number),
            });
      }),
      { numRuns: 100 },
    );
  });
});
