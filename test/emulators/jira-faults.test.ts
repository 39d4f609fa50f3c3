import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../emulators/common/clock';
import { at, callJira, startTestJira, taskFields, type TestJira } from './local-jira-harness';

// Rate-limit windows and search lag run on this clock: the tests move it instead of sleeping.
const clock = manualClock();
let t: TestJira;
beforeAll(async () => {
  t = await startTestJira({ clock });
});
beforeEach(() => {
  t.jira.faults.update({
    latencyMs: 0,
    rateLimit: null,
    errorRate: 0,
    dropRate: 0,
    afterCommit: false,
    searchLagMs: 0,
  });
});
afterAll(() => t.close());

const statuses = async (n: number) => {
  const seen: number[] = [];
  for (let i = 0; i < n; i += 1) seen.push((await t.call('GET', '/rest/api/3/myself')).status);
  return seen;
};

describe('rate limiting', () => {
  it('answers 429 with Retry-After and Jira’s headers once the budget is spent, then recovers', async () => {
    t.jira.faults.update({ rateLimit: { budget: 3, windowMs: 1000 } });
    expect(await statuses(3)).toEqual([200, 200, 200]);
    const limited = await t.call('GET', '/rest/api/3/myself');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.headers.get('x-ratelimit-limit')).toBe('3');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('ratelimit-reason')).toBe('jira-burst-based');
    expect(limited.headers.get('x-ratelimit-reset')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/);
    expect(limited.body).toEqual({ errorMessages: ['Rate limit exceeded.'], errors: {} });
    clock.advance(999);
    expect((await t.call('GET', '/rest/api/3/myself')).status).toBe(429);
    clock.advance(Number(limited.headers.get('retry-after')) * 1000 - 999);
    expect((await t.call('GET', '/rest/api/3/myself')).status).toBe(200);
  });

  it('charges writes their own cost', async () => {
    t.jira.faults.update({ rateLimit: { budget: 5, windowMs: 60_000, writeCost: 5 } });
    expect((await t.call('POST', '/rest/api/3/issue', { fields: taskFields() })).status).toBe(201);
    const limited = await t.call('GET', '/rest/api/3/myself');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(50);
  });
});

describe('server errors and dropped connections', () => {
  it('answers every request with a 500, 502 or 503 at errorRate 1', async () => {
    t.jira.faults.update({ errorRate: 1, seed: 7 });
    const seen = await statuses(12);
    expect(seen.every((s) => [500, 502, 503].includes(s))).toBe(true);
    expect(new Set(seen).size).toBeGreaterThan(1);
  });

  it('fails about the configured share, and the same seed replays the same failures', async () => {
    t.jira.faults.update({ errorRate: 0.3, seed: 42 });
    const first = await statuses(40);
    t.jira.faults.update({ seed: 42 });
    const second = await statuses(40);
    expect(second).toEqual(first);
    const failed = first.filter((s) => s >= 500).length;
    expect(failed).toBeGreaterThan(4);
    expect(failed).toBeLessThan(24);
  });

  it('destroys the connection without a response at dropRate 1', async () => {
    t.jira.faults.update({ dropRate: 1 });
    await expect(callJira(t.jira.url, 'GET', '/rest/api/3/myself')).rejects.toThrow(/fetch failed/);
  });

  it('can lose the response of a request that took effect (afterCommit)', async () => {
    t.jira.faults.update({ errorRate: 1, afterCommit: true });
    const reply = await t.call('POST', '/rest/api/3/issue', {
      fields: taskFields({ summary: 'committed anyway', labels: ['after-commit'] }),
    });
    expect(reply.status).toBeGreaterThanOrEqual(500);
    t.jira.faults.update({ errorRate: 0 });
    const found = await t.call('POST', '/rest/api/3/search/jql', { jql: 'labels = after-commit' });
    expect(Object(at(found.body, 'issues')).length).toBe(1);
  });
});

describe('latency', () => {
  // Real time on purpose: latency is a real delay clients wait out. A lower bound, so load cannot break it.
  it('delays each request by latencyMs', async () => {
    t.jira.faults.update({ latencyMs: 150 });
    const started = performance.now();
    await t.call('GET', '/rest/api/3/myself');
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });
});

describe('search lag', () => {
  it('hides just-created issues from JQL until they are indexed, unless reconciled', async () => {
    t.jira.faults.update({ searchLagMs: 400 });
    const created = await t.call('POST', '/rest/api/3/issue', { fields: taskFields({ labels: ['lagging'] }) });
    const id = String(at(created.body, 'id'));
    const search = (extra = {}) => t.call('POST', '/rest/api/3/search/jql', { jql: 'labels = lagging', ...extra });
    expect(at((await search()).body, 'issues')).toEqual([]);
    expect(at((await search({ reconcileIssues: [Number(id)] })).body, 'issues')).toEqual([{ id }]);
    clock.advance(399);
    expect(at((await search()).body, 'issues')).toEqual([]);
    clock.advance(1);
    expect(at((await search()).body, 'issues')).toEqual([{ id }]);
  });
});

describe('the private /__emulator routes', () => {
  it('change faults at runtime, and count requests per route template', async () => {
    const post = (path: string, body?: unknown) =>
      fetch(`${t.jira.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body ?? {}),
      });
    const changed = await post('/__emulator/faults', { errorRate: 1 });
    expect(await changed.json()).toMatchObject({ errorRate: 1, dropRate: 0 });
    expect((await t.call('GET', '/rest/api/3/myself')).status).toBeGreaterThanOrEqual(500);
    expect((await post('/__emulator/faults', { errorRate: 3 })).status).toBe(400);
    await post('/__emulator/faults', { errorRate: 0 });

    await post('/__emulator/stats/reset');
    await t.call('POST', '/rest/api/3/issue/bulk', { issueUpdates: [{ fields: taskFields() }] });
    await t.call('GET', '/rest/api/3/issue/DEL-1');
    await t.call('GET', '/rest/api/3/issue/DEL-2');
    const stats = await (await fetch(`${t.jira.url}/__emulator/stats`)).json();
    expect(stats).toEqual({
      total: 3,
      requests: { 'POST /rest/api/3/issue/bulk': 1, 'GET /rest/api/3/issue/{issueIdOrKey}': 2 },
      statuses: { 201: 1, 200: 2 },
    });
    expect(t.jira.stats().total).toBe(3);
  });
});
