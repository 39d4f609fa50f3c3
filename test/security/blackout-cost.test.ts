import { describe, expect, it } from 'vitest';
import { evaluateGate } from '../../src/domain/gate/gate';
import { buildPlan } from '../../src/domain/plan/plan';
import { validateRecord } from '../../src/domain/record/read-record';
import { formatIsoDay, parseIsoDay } from '../../src/domain/dates/calendar';
import { aPromise, aRecord, aTimeline, TODAY } from '../builders/record';

/**
 * Attack F12: gate cost grew with promises × blackout days (1,000 promises and 4,000 one-day
 * blackouts took 60 s — past any Forge limit), because every business-day step scanned every
 * blackout. Blackouts are merged once and searched by halves now.
 */
function oneDayBlackouts(count: number) {
  // Every Tuesday and Thursday from the kickoff on: 4,000 separate periods that cannot merge.
  const start = parseIsoDay('2026-12-08') ?? 0;
  const days: { from: string; to: string }[] = [];
  for (let day = start; days.length < count; day += 7) {
    days.push({ from: formatIsoDay(day), to: formatIsoDay(day) });
    if (days.length < count) days.push({ from: formatIsoDay(day + 2), to: formatIsoDay(day + 2) });
  }
  return days;
}

describe('gate cost in blackout days', () => {
  it('1,000 promises and 4,000 one-day blackouts gate and plan in under a second', () => {
    const input = aRecord({
      timeline: aTimeline({ goLive: '2060-01-01', milestones: [], blackouts: oneDayBlackouts(4_000) }),
      promises: Array.from({ length: 1_000 }, (_, i) =>
        aPromise({ id: i === 0 ? 'sso' : `p${i}`, title: `Promise ${i}`, due: `kickoff+${i + 1}bd` }),
      ),
    });
    const read = validateRecord(input);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const start = performance.now();
    const gate = evaluateGate(read.value, { today: TODAY });
    const plan = buildPlan(read.value, { target: 'jira' });
    const ms = performance.now() - start;
    expect(plan.items.filter((item) => item.kind === 'promise')).toHaveLength(1_000);
    // No promise may land in a blackout: each due date was pushed past the Tuesdays and Thursdays.
    expect(gate.blockers.filter((b) => b.path.startsWith('promises'))).toEqual([]);
    expect(ms).toBeLessThan(1_000);
  });
});
