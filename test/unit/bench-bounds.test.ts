import { describe, expect, it } from 'vitest';
import { fullBatchBound, lowerBound, scriptFloor, writeSpan, type SiteLimits } from '../../bench/bounds';
import { benchPlan } from '../../bench/bench-plan';
import { spread } from '../../bench/spread';

const JIRA: SiteLimits = {
  tracker: 'jira',
  postsPerSecond: 100,
  perIssue: [
    { writes: 20, windowMs: 2_000 },
    { writes: 100, windowMs: 30_000 },
  ],
};
const ASANA: SiteLimits = { tracker: 'asana', budget: 1_500, windowMs: 60_000, writesInFlight: 15 };

describe('Jira per-issue writes (20 per 2 s, 100 per 30 s): the earliest time of the last write on one issue', () => {
  it('lets 20 go at once, then 20 more every 2 s, and the 101st only 30 s after the first', () => {
    expect(writeSpan(20, JIRA.perIssue)).toBe(0);
    expect(writeSpan(21, JIRA.perIssue)).toBe(2_000);
    expect(writeSpan(100, JIRA.perIssue)).toBe(8_000);
    expect(writeSpan(101, JIRA.perIssue)).toBe(30_000);
  });
});

describe('the request bound counts the read every idempotent run makes for an earlier run', () => {
  it('Jira: people, the search, the parent, ⌈rest/50⌉ bulk creates and one request a link', () => {
    // 3 people + search + parent + ⌈999/50⌉ + 1,000 links.
    expect(lowerBound(benchPlan('jira', 1_000), JIRA, 100).requests).toBe(3 + 1 + 1 + 20 + 1_000);
  });

  it('Asana: people, the project list, the project, its sections, tasks and dependencies ten a batch', () => {
    const plan = benchPlan('asana', 100);
    const blocked = new Set(plan.items.flatMap((i) => i.blocks)).size;
    const expected = 3 + 1 + 1 + plan.groups.length + Math.ceil(99 / 10) + Math.ceil(blocked / 10);
    expect(lowerBound(plan, ASANA, 100).requests).toBe(expected);
  });
});

describe('the time bound names the limit that binds', () => {
  it('Jira burst 100 POSTs a second: 1,000 links need 9 s past the first 100', () => {
    const bound = lowerBound(benchPlan('jira', 1_000), JIRA, 100);
    expect(bound).toMatchObject({ seconds: 9.4, binds: 'burst: 100 links a second' });
  });

  it('Asana 1,500 a minute: 5,000 items and links need a fourth window at least', () => {
    const bound = lowerBound(benchPlan('asana', 5_000), ASANA, 100);
    expect(bound.binds).toMatch(/^1500 a minute/);
    expect(bound.seconds).toBeGreaterThanOrEqual(180);
  });

  it('Asana in full batches (the request bound): one batch of 10 in flight, 10 writes a round trip, not 15', () => {
    const plan = benchPlan('asana', 1_000);
    const [bound, batched] = [lowerBound(plan, ASANA, 100), fullBatchBound(plan, ASANA, 100)];
    expect(batched.binds).toBe('10 writes in flight');
    expect(batched.seconds / bound.seconds).toBeGreaterThan(1.3);
    expect(fullBatchBound(benchPlan('jira', 1_000), JIRA, 100)).toEqual(
      lowerBound(benchPlan('jira', 1_000), JIRA, 100),
    );
  });

  it('a script of one request an item and a link, 10 in flight, can never beat the bound', () => {
    for (const [kind, limits] of [
      ['jira', JIRA],
      ['asana', ASANA],
    ] as const) {
      const plan = benchPlan(kind, 1_000);
      expect(scriptFloor(plan, limits, 100, 10).seconds).toBeGreaterThan(lowerBound(plan, limits, 100).seconds);
    }
  });
});

describe('spread', () => {
  it('is the median with the smallest and the largest, rounded to whole ms', () => {
    expect(spread([3.4, 1.2, 9.6, 2.5, 4])).toEqual({ median: 3, min: 1, max: 10 });
  });
});
