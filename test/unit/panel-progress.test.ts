import { describe, expect, it } from 'vitest';
import { describeProgress } from '../../static/panel/src/provision/progress';
import { runViewSchema, startJournal } from '../../src/forge/queue/journal';
import { buildPlan } from '../../src/domain/plan/plan';
import { validateRecord } from '../../src/domain/record/read-record';
import { recordWith } from '../contract/plan-fixture';

function runView(waitingUntil: string | null) {
  const record = validateRecord(recordWith({ id: 'progress', items: 10, links: 4 }));
  if (!record.ok) throw new Error('fixture record is invalid');
  const plan = buildPlan(record.value, { target: 'jira' });
  const journal = startJournal({
    runId: 'r1',
    trigger: 'user',
    by: 'someone',
    byName: 'Someone',
    commentOn: null,
    today: '2026-12-01',
    plan,
    accounts: new Map(),
    at: '2026-12-01T09:00:00.000Z',
  });
  const view = runViewSchema.parse({ ...journal, waitingUntil, progress: { phase: 'link', done: 2, total: 4 } });
  return { ...view, outcome: null };
}

describe('the panel’s progress line', () => {
  it('says the run waits for Jira’s rate limit, until when, and that it goes on by itself', () => {
    expect(describeProgress(runView('2026-12-01T14:00:00.000Z'))).toEqual({
      label: "Waiting for Jira's rate limit until 14:00 UTC; it carries on by itself then",
      share: 0.5,
    });
    expect(describeProgress(runView(null)).label).toBe('Linking issues: 2 of 4');
  });

  it('reads a journal kept before the wait was recorded as not waiting', () => {
    const older = Object.fromEntries(Object.entries(runView(null)).filter(([name]) => name !== 'waitingUntil'));
    expect(runViewSchema.parse(older).waitingUntil).toBeNull();
  });
});
