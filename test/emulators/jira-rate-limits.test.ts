import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../emulators/common/clock';
import { at, startTestJira, taskFields, type TestJira } from './local-jira-harness';

// 09:00:00 UTC: the app quota's hour ends at 10:00. Windows and buckets run on this clock.
const clock = manualClock(Date.parse('2026-12-01T09:00:00.000Z'));
let t: TestJira;
let keys: string[] = [];
beforeAll(async () => {
  t = await startTestJira({ clock });
  for (let i = 0; i < 3; i += 1)
    keys.push(String(at((await t.call('POST', '/rest/api/3/issue', { fields: taskFields() })).body, 'key')));
});
beforeEach(() => {
  // Every test starts in a fresh stretch of time, with Jira's documented defaults.
  clock.advance(60_000);
  t.jira.faults.update({
    burstLimits: {},
    perIssueWrites: [
      { writes: 20, windowMs: 2_000 },
      { writes: 100, windowMs: 30_000 },
    ],
    appQuota: null,
    retryAfterOmitRate: 0,
    errorRate: 0,
  });
});
afterAll(async () => {
  keys = [];
  await t.close();
});

const comment = (key: string) =>
  t.call('POST', `/rest/api/3/issue/${key}/comment`, {
    body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'hi' }] }] },
  });
const link = (from: string, to: string) =>
  t.call('POST', '/rest/api/3/issueLink', {
    type: { name: 'Blocks' },
    inwardIssue: { key: from },
    outwardIssue: { key: to },
  });

describe('the per-issue write limit (on by default: 20 writes per 2 s, 100 per 30 s)', () => {
  it('refuses the 21st write to one issue within 2 s with jira-per-issue-on-write, and not other issues', async () => {
    const [a = '', b = ''] = keys;
    for (let i = 0; i < 20; i += 1) expect((await comment(a)).status).toBe(201);
    const refused = await comment(a);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('ratelimit-reason')).toBe('jira-per-issue-on-write');
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(refused.headers.get('x-ratelimit-reset')).toBe(
      new Date(clock.now() + 2_000).toISOString().slice(0, 19) + 'Z',
    );
    expect(refused.body).toEqual({ errorMessages: ['Rate limit exceeded.'], errors: {} });
    expect((await comment(b)).status).toBe(201); // another issue is not held back
    clock.advance(2_000);
    expect((await comment(a)).status).toBe(201);
  });

  it('counts a link as a write to both of its issues', async () => {
    const [a = '', b = '', c = ''] = keys;
    for (let i = 0; i < 10; i += 1) expect((await link(a, b)).status).toBe(201);
    for (let i = 0; i < 10; i += 1) expect((await comment(b)).status).toBe(201);
    expect((await link(c, b)).status).toBe(429); // b has had 20
    expect((await comment(c)).status).toBe(201); // c was not charged for the refused link
  });

  it('holds the long window too: 100 writes in 30 s, however they are spaced', async () => {
    const [a = ''] = keys;
    for (let second = 0; second < 10; second += 1) {
      for (let i = 0; i < 10; i += 1) expect((await comment(a)).status).toBe(201);
      clock.advance(2_000);
    }
    const refused = await comment(a);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBe(10); // the first write leaves the 30 s window
  });
});

describe('the burst limit (on by default: a token bucket per endpoint and method)', () => {
  it('refuses past the bucket (jira-burst-based), refills at the steady rate, spares other endpoints', async () => {
    t.jira.faults.update({ burstLimits: { GET: 3 }, perIssueWrites: null });
    for (let i = 0; i < 3; i += 1) expect((await t.call('GET', '/rest/api/3/myself')).status).toBe(200);
    const refused = await t.call('GET', '/rest/api/3/myself');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('ratelimit-reason')).toBe('jira-burst-based');
    expect(refused.headers.get('x-ratelimit-limit')).toBe('3');
    expect(refused.headers.get('retry-after')).toBe('1');
    expect((await t.call('GET', `/rest/api/3/issue/${keys[0] ?? ''}`)).status).toBe(200);
    clock.advance(334);
    expect((await t.call('GET', '/rest/api/3/myself')).status).toBe(200);
  });
});

describe('the app quota (a knob: the local Jira cannot tell an app from an API token)', () => {
  it('says what is left once it runs low, then refuses everything until the top of the hour', async () => {
    t.jira.faults.update({ appQuota: { points: 10, pool: 'global' } });
    clock.advance(Date.parse('2026-12-01T09:50:00.000Z') - clock.now());
    const first = await t.call('GET', '/rest/api/3/myself');
    expect(first.headers.get('beta-ratelimit-policy')).toBe('"global-app-quota";q=10;w=3600');
    expect(first.headers.get('beta-ratelimit')).toBe('"global-app-quota";t=600');
    // A bulk create of 8 costs 8 points: 1 left, then none.
    const bulk = await t.call('POST', '/rest/api/3/issue/bulk', {
      issueUpdates: Array.from({ length: 8 }, () => ({ fields: taskFields() })),
    });
    expect(bulk.status).toBe(201);
    expect(bulk.headers.get('beta-ratelimit')).toBe('"global-app-quota";r=1;t=600');
    expect((await t.call('GET', '/rest/api/3/myself')).status).toBe(200);
    const refused = await t.call('GET', '/rest/api/3/myself');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('ratelimit-reason')).toBe('jira-quota-global-based');
    expect(refused.headers.get('retry-after')).toBe('600');
    expect(refused.headers.get('x-ratelimit-reset')).toBe('2026-12-01T10:00:00Z');
    expect(refused.headers.get('beta-ratelimit')).toBe('"global-app-quota";r=0;t=600');
    clock.advance(600_000);
    expect((await t.call('GET', '/rest/api/3/myself')).status).toBe(200);
  });

  it('can leave Retry-After out, so only the reset says when (retryAfterOmitRate)', async () => {
    t.jira.faults.update({ appQuota: { points: 1, pool: 'tenant' }, retryAfterOmitRate: 1 });
    await t.call('GET', '/rest/api/3/myself');
    const refused = await t.call('GET', '/rest/api/3/myself');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBeNull();
    expect(refused.headers.get('ratelimit-reason')).toBe('jira-quota-tenant-based');
    expect(refused.headers.get('x-ratelimit-reset')).toMatch(/^2026-12-01T\d\d:00:00Z$/);
  });
});

describe('503', () => {
  it('carries Retry-After, as a resource limit’s 503 does', async () => {
    t.jira.faults.update({ errorRate: 1, seed: 3 });
    const seen = [];
    for (let i = 0; i < 12; i += 1) seen.push(await t.call('GET', '/rest/api/3/myself'));
    const unavailable = seen.filter((r) => r.status === 503);
    expect(unavailable.length).toBeGreaterThan(0);
    for (const r of unavailable) expect(r.headers.get('retry-after')).toBe('5');
    for (const r of seen.filter((s) => s.status === 500)) expect(r.headers.get('retry-after')).toBeNull();
  });
});
