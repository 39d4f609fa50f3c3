import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_ASANA_OUTSIDER, RATE_LIMIT_PRESETS } from '../../emulators/asana/index';
import { manualClock } from '../../emulators/common/clock';
import { at, callAsana, createProject, dataList, startTestAsana, type TestAsana } from './local-asana-harness';

// Rate-limit windows run on this clock: the tests move it instead of sleeping.
const clock = manualClock();
let t: TestAsana;
beforeAll(async () => {
  t = await startTestAsana({ clock });
});
beforeEach(() => {
  t.asana.faults.update({
    latencyMs: 0,
    rateLimit: null,
    rateLimitPreset: null,
    errorRate: 0,
    dropRate: 0,
    afterCommit: false,
  });
});
afterAll(() => t.close());

const statuses = async (n: number, token?: string) => {
  const seen: number[] = [];
  for (let i = 0; i < n; i += 1) seen.push((await t.call('GET', '/users/me', undefined, token)).status);
  return seen;
};

describe('rate limiting', () => {
  it('answers 429 with Retry-After and Asana’s sentence once a token’s budget is spent, then recovers', async () => {
    t.asana.faults.update({ rateLimit: { budget: 3, windowMs: 1000 } });
    expect(await statuses(3)).toEqual([200, 200, 200]);
    const limited = await t.call('GET', '/users/me');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.body).toEqual({
      errors: [
        { message: "You've made too many requests and hit a rate limit. Please retry after the given amount of time." },
      ],
    });
    // Limits are per token: another one still has its budget.
    expect(await statuses(1, LOCAL_ASANA_OUTSIDER.oauthToken)).toEqual([200]);
    clock.advance(999);
    expect((await t.call('GET', '/users/me')).status).toBe(429);
    clock.advance(1);
    expect((await t.call('GET', '/users/me')).status).toBe(200);
  });

  it('has Asana’s limits as presets: free 150 and paid 1,500 requests a minute', async () => {
    expect(RATE_LIMIT_PRESETS.free).toMatchObject({ budget: 150, windowMs: 60_000 });
    expect(RATE_LIMIT_PRESETS.paid).toMatchObject({ budget: 1500, windowMs: 60_000 });
    t.asana.faults.update({ rateLimitPreset: 'free' });
    const seen = await statuses(151);
    expect(seen.slice(0, 150).every((s) => s === 200)).toBe(true);
    expect(seen[150]).toBe(429);
    t.asana.faults.update({ rateLimitPreset: 'paid' }); // new limits start a new window
    expect(await statuses(1)).toEqual([200]);
  });
});

describe('server errors and dropped connections', () => {
  it('answers every request with a 500, 502 or 503 at errorRate 1; a 500 carries Asana’s error phrase', async () => {
    t.asana.faults.update({ errorRate: 1, seed: 7 });
    const replies = [];
    for (let i = 0; i < 12; i += 1) replies.push(await t.call('GET', '/users/me'));
    expect(replies.every((r) => [500, 502, 503].includes(r.status))).toBe(true);
    expect(new Set(replies.map((r) => r.status)).size).toBeGreaterThan(1);
    const serverError = replies.find((r) => r.status === 500);
    expect(at(serverError?.body, 'errors', 0, 'message')).toBe('Server Error');
    expect(at(serverError?.body, 'errors', 0, 'phrase')).toMatch(/^\d+ [a-z]+ [a-z]+ [a-z]+ [a-z]+$/);
  });

  it('fails about the configured share, and the same seed replays the same failures', async () => {
    t.asana.faults.update({ errorRate: 0.3, seed: 42 });
    const first = await statuses(40);
    t.asana.faults.update({ seed: 42 });
    expect(await statuses(40)).toEqual(first);
    const failed = first.filter((s) => s >= 500).length;
    expect(failed).toBeGreaterThan(4);
    expect(failed).toBeLessThan(24);
  });

  it('destroys the connection without a response at dropRate 1', async () => {
    t.asana.faults.update({ dropRate: 1 });
    await expect(callAsana(t.asana.url, 'GET', '/users/me')).rejects.toThrow(/fetch failed/);
  });

  it('can lose the response of a request that took effect (afterCommit)', async () => {
    const { project } = await createProject(t, 'After commit');
    t.asana.faults.update({ errorRate: 1, afterCommit: true });
    const reply = await t.call('POST', '/tasks', { data: { projects: [project], name: 'Committed anyway' } });
    expect(reply.status).toBeGreaterThanOrEqual(500);
    t.asana.faults.update({ errorRate: 0 });
    expect(
      dataList(await t.call('GET', `/projects/${project}/tasks?opt_fields=name`)).map((x) => at(x, 'name')),
    ).toEqual(['Committed anyway']);
  });
});

describe('latency', () => {
  // Real time on purpose: latency is a real delay clients wait out. A lower bound, so load cannot break it.
  it('delays each request by latencyMs', async () => {
    t.asana.faults.update({ latencyMs: 150 });
    const started = performance.now();
    await t.call('GET', '/users/me');
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });
});

describe('the private /__emulator routes', () => {
  const origin = () => t.asana.url.replace('/api/1.0', '');
  const post = (path: string, body?: unknown) =>
    fetch(`${origin()}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });

  it('change faults at runtime, and count requests per route template', async () => {
    const changed = await post('/__emulator/faults', { errorRate: 1, rateLimitPreset: 'paid' });
    expect(await changed.json()).toMatchObject({ errorRate: 1, dropRate: 0, rateLimitPreset: 'paid' });
    expect((await t.call('GET', '/users/me')).status).toBeGreaterThanOrEqual(500);
    expect((await post('/__emulator/faults', { rateLimitPreset: 'enterprise' })).status).toBe(400);
    await post('/__emulator/faults', { errorRate: 0, rateLimitPreset: null });
    expect(await (await fetch(`${origin()}/__emulator/faults`)).json()).toMatchObject({
      errorRate: 0,
      rateLimitPreset: null,
    });

    await post('/__emulator/stats/reset');
    await t.call('GET', '/users/me');
    await t.call('GET', '/workspaces');
    await t.call('GET', '/users/me', undefined, null);
    expect(await (await fetch(`${origin()}/__emulator/stats`)).json()).toEqual({
      total: 3,
      requests: { 'GET /api/1.0/users/{user_gid}': 2, 'GET /api/1.0/workspaces': 1 },
      statuses: { 200: 2, 401: 1 },
      batchActions: { total: 0, requests: {}, statuses: {} },
    });
    expect(await (await fetch(`${origin()}/__emulator/violations`)).json()).toEqual([]);
  });
});
