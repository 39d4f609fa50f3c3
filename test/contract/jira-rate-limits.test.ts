import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock, type ManualClock } from '../../emulators/common/clock';
import { DEMO_PROJECT_KEY, LOCAL_ADMIN, startLocalJira, type LocalJira } from '../../emulators/jira/index';
import { validateRecord } from '../../src/domain/record/read-record';
import { buildPlan, type Plan } from '../../src/domain/plan/plan';
import { applyPlan } from '../../src/provision/engine';
import { RateLimitedUntil } from '../../src/provision/rate-limited';
import { defaultRetryPolicy, type RetryPolicy } from '../../src/provision/retry';
import type { ProvisioningTracker } from '../../src/provision/tracker';
import { basicAuthRequest } from '../../src/trackers/jira/jira-request';
import { createJiraTracker } from '../../src/trackers/jira/jira-tracker';
import { heldFor } from '../reliability/jira-check';
import { PEOPLE } from '../reliability/cli-process';
import { recordWith } from './plan-fixture';

/** One dependency that blocks 40 promises: every link writes the dependency's issue. */
function fanOutPlan(id: string): Plan {
  const raw = recordWith({ id, items: 41, links: 4, assignees: PEOPLE });
  const record = validateRecord({
    ...raw,
    dependencies: raw.dependencies.map((d) => ({ ...d, blocks: raw.promises.map((p) => p.id) })),
  });
  if (!record.ok) throw new Error(`fixture record is invalid: ${JSON.stringify(record.problems.slice(0, 3))}`);
  return buildPlan(record.value, { target: 'jira' });
}

/**
 * Waiting on the emulator's clock without real time: sleepers wake in the order of their
 * deadlines, each moving the clock to its own (never back), one macrotask apart so requests
 * run in between. Concurrent waits overlap, as they would in real time.
 */
function virtualSleep(clock: ManualClock): (ms: number) => Promise<void> {
  const sleepers: { at: number; wake: () => void }[] = [];
  let ticking = false;
  const tick = () => {
    sleepers.sort((a, b) => a.at - b.at);
    const next = sleepers.shift();
    if (next) {
      if (clock.now() < next.at) clock.advance(next.at - clock.now());
      next.wake();
    }
    ticking = sleepers.length > 0;
    if (ticking) setImmediate(tick);
  };
  return (ms) =>
    new Promise((wake) => {
      sleepers.push({ at: clock.now() + ms, wake });
      if (!ticking) {
        ticking = true;
        setImmediate(tick);
      }
    });
}

let jira: LocalJira | undefined;
afterEach(async () => {
  const violations = jira?.violations() ?? [];
  await jira?.close();
  expect(violations, 'the local Jira saw spec violations').toEqual([]);
});

async function site(clock: ManualClock) {
  jira = await startLocalJira({
    dataDir: mkdtempSync(join(tmpdir(), 'handoff-jira-limits-')),
    fresh: true,
    validate: 'strict',
    clock,
  });
  const tracker = createJiraTracker({
    request: basicAuthRequest({ baseUrl: jira.url, email: LOCAL_ADMIN.email, apiToken: LOCAL_ADMIN.apiToken }),
    projectKey: DEMO_PROJECT_KEY,
    siteUrl: jira.url,
  });
  const accounts = new Map(await Promise.all(PEOPLE.map(async (e) => [e, await tracker.findPerson(e)] as const)));
  const policy: RetryPolicy = { ...defaultRetryPolicy, now: clock.now, sleep: virtualSleep(clock) };
  return { jira, tracker, accounts, policy };
}

describe('Jira Cloud’s rate limits, on the local Jira with its documented defaults', () => {
  it('links one issue to 40 others without a per-issue 429 by spacing the writes (unspaced, it recovers)', async () => {
    const measure = async (spaced: boolean) => {
      const clock = manualClock();
      const { jira: j, tracker, accounts, policy } = await site(clock);
      const plan = fanOutPlan(spaced ? 'fan-spaced' : 'fan-unspaced');
      const used: ProvisioningTracker = spaced ? tracker : { ...tracker, itemWriteLimits: undefined };
      const started = clock.now();
      j.resetStats();
      const report = await applyPlan(plan, used, { accounts, policy });
      const stats = j.stats();
      const held = await heldFor(j, plan.recordId);
      await j.close();
      jira = undefined;
      const measured = {
        requests: stats.total,
        links: stats.requests['POST /rest/api/3/issueLink'] ?? 0,
        refused: stats.statuses['429'] ?? 0,
        clockMs: clock.now() - started,
      };
      console.log(`fan-out of 40 links, ${spaced ? 'spaced' : 'not spaced'}:`, JSON.stringify(measured));
      expect(report.failed).toEqual([]);
      expect(report.links).toEqual({ created: 40, existing: 0, failed: [] });
      expect(held.links).toBe(40);
      return measured;
    };
    const spaced = await measure(true);
    expect(spaced.refused).toBe(0);
    expect(spaced.links).toBe(40);
    const unspaced = await measure(false);
    expect(unspaced.refused).toBeGreaterThan(0);
  });

  it('a quota resetting later than the run may wait stops it resumably; the same run after it finishes', async () => {
    const clock = manualClock(Date.parse('2026-12-01T09:00:00.000Z'));
    const { jira: j, tracker, accounts, policy } = await site(clock);
    const plan = fanOutPlan('quota-stop');
    // An app quota nearly spent: the creates go through, the links meet the limit.
    j.faults.update({ appQuota: { points: 60, pool: 'global' }, retryAfterOmitRate: 1 });
    const stopped = await applyPlan(plan, tracker, { accounts, policy }).catch((e: unknown) => e);
    expect(stopped).toBeInstanceOf(RateLimitedUntil);
    // Until the hour turns: the reset Jira names, or the wait it says counted from when the run read it
    // (the run's clock moves on while other requests wait, so that may be a few seconds later, never earlier).
    if (stopped instanceof RateLimitedUntil) {
      expect(stopped.until).toBeGreaterThanOrEqual(Date.parse('2026-12-01T10:00:00.000Z'));
      expect(stopped.until).toBeLessThanOrEqual(Date.parse('2026-12-01T10:00:05.000Z'));
    }
    // Read back without the quota: the test reads as the admin, not as the app.
    const quota = j.faults.settings.appQuota;
    j.faults.update({ appQuota: null });
    const midway = await heldFor(j, plan.recordId);
    j.faults.update({ appQuota: quota });
    expect(midway.itemIds).toHaveLength(plan.items.length);
    expect(midway.links).toBeLessThan(40);

    clock.advance(Math.max(0, Date.parse('2026-12-01T10:00:05.000Z') - clock.now()));
    const report = await applyPlan(plan, tracker, { accounts, policy });
    expect(report.failed).toEqual([]);
    expect(report.created).toEqual([]);
    expect(report.existing).toHaveLength(plan.items.length);
    expect(report.links.failed).toEqual([]);
    expect(report.links.created + report.links.existing).toBe(40);
    j.faults.update({ appQuota: null });
    const held = await heldFor(j, plan.recordId);
    expect(new Set(held.itemIds).size).toBe(held.itemIds.length);
    expect(held.links).toBe(40);
  });
});
