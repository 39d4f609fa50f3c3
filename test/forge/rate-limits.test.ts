import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { LocalJira } from '../../emulators/jira/index';
import { createForgeApp, issuesOf, okValue, startJira } from './support/forge-harness';
import { exampleRecord } from './support/records';
import { PERMISSION_TTL_MS } from '../../src/forge/jira/permission-cache';

const status = z.object({
  run: z.object({
    state: z.string(),
    waitingUntil: z.string().nullable(),
    error: z.string().nullable(),
    outcome: z.object({ failed: z.array(z.unknown()), links: z.object({ created: z.number() }) }).nullable(),
  }),
  running: z.boolean(),
  stalled: z.boolean(),
});

let jira: LocalJira;
beforeAll(async () => {
  jira = await startJira();
});
afterAll(async () => {
  const violations = jira.violations();
  await jira.close();
  expect(violations).toEqual([]);
});

describe("Jira's hourly app quota in the background run", () => {
  it('waits for the reset with delayed slices (≤ 900 s each) instead of failing, then finishes', async () => {
    const app = createForgeApp(jira, { limits: { inlineItems: 0 } });
    okValue(
      await app.call('saveRecord', { record: exampleRecord('acme-onboarding', { id: 'quota-wait' }) }),
      z.unknown(),
    );
    okValue(await app.call('provision'), z.unknown());
    // The app's quota for this hour (it started at 09:00 UTC) is all but spent.
    jira.faults.update({ appQuota: { points: 4, pool: 'global' }, retryAfterOmitRate: 1 });
    const first = app.pending.shift();
    if (!first) throw new Error('the run was not queued');
    await app.consume(first);

    // The status poll reads storage only, and its permission answer is kept for a minute: the
    // spent quota does not reach it. Once the answer is older, Jira is asked, and refuses.
    okValue(await app.call('provisioningStatus'), status);
    app.clock.advance(PERMISSION_TTL_MS);
    const refused = await app.call('provisioningStatus');
    expect(refused).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(JSON.stringify(refused)).toContain("Jira's rate limit stops this until 10:00 UTC");
    // The next hour has the whole quota again (the test reads the status with it).
    jira.faults.update({ appQuota: { points: 65_000, pool: 'global' } });
    const waiting = okValue(await app.call('provisioningStatus'), status);
    expect(waiting.run).toMatchObject({ state: 'running', waitingUntil: '2026-12-01T10:00:00.000Z', error: null });
    expect([waiting.running, waiting.stalled]).toEqual([true, false]);

    const delays: number[] = [];
    for (let event = app.pending.shift(); event; event = app.pending.shift()) {
      delays.push(event.delayInSeconds ?? 0);
      app.clock.advance((event.delayInSeconds ?? 0) * 1000);
      await app.consume(event);
    }
    expect(delays.length).toBeGreaterThanOrEqual(4);
    expect(delays.every((d) => d >= 1 && d <= 900)).toBe(true);
    expect(delays.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(3_000);
    const done = okValue(await app.call('provisioningStatus'), status);
    expect(done.run).toMatchObject({
      state: 'done',
      waitingUntil: null,
      outcome: { failed: [], links: { created: 4 } },
    });
    const issues = await issuesOf(jira, 'quota-wait');
    expect(issues.size).toBe(9);
    expect([...issues.values()].every((keys) => keys.length === 1)).toBe(true);
    jira.faults.update({ appQuota: null, retryAfterOmitRate: 0 });
  });
});
