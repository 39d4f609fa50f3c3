import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import asanaSdk from 'asana';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  DEMO_TEAM,
  ACCESS_TOKEN_SECONDS,
  DEMO_WORKSPACE,
  LOCAL_ASANA_OAUTH_APP,
  LOCAL_ASANA_PAT,
  LOCAL_ASANA_REFRESH_TOKEN,
  startLocalAsana,
  type LocalAsana,
} from '../../emulators/asana/index';
import { fastForwardClock } from '../../emulators/common/clock';
import { applyPlan } from '../../src/provision/engine';
import { memoryLedger } from '../../src/provision/ledger';
import { assigneesOf, lookUpPeople } from '../../src/provision/people-directory';
import { defaultRetryPolicy } from '../../src/provision/retry';
import { createAccessTokens, tokenUrlFor, type AsanaOAuthApp } from '../../src/trackers/asana/asana-oauth';
import { createAsanaTracker } from '../../src/trackers/asana/asana-tracker';
import { waitOn } from './emulator-faults';
import { ASSIGNEES, planWith } from './plan-fixture';

/**
 * Asana's OAuth access tokens last an hour (`expires_in: 3600`); the local Asana expires them on
 * its clock. The tracker, given the app and a refresh token, renews them on its own.
 */
const HOUR_MS = ACCESS_TOKEN_SECONDS * 1000;
const APP: AsanaOAuthApp = { ...LOCAL_ASANA_OAUTH_APP, refreshToken: LOCAL_ASANA_REFRESH_TOKEN };
const clock = fastForwardClock();
let asana: LocalAsana;
beforeAll(async () => {
  asana = await startLocalAsana({
    dataDir: mkdtempSync(join(tmpdir(), 'handoff-asana-oauth-')),
    fresh: true,
    validate: 'strict',
    clock,
  });
  for (const user of ASSIGNEES)
    await fetch(`${asana.url}/workspaces/${DEMO_WORKSPACE.gid}/addUser`, {
      method: 'POST',
      headers: { authorization: `Bearer ${LOCAL_ASANA_PAT}`, 'content-type': 'application/json' },
      body: JSON.stringify({ data: { user } }),
    });
  asana.resetStats();
});
afterAll(async () => {
  const violations = asana.violations();
  await asana.close();
  expect(violations).toEqual([]);
});
afterEach(() => {
  vi.restoreAllMocks();
  asana.resetStats();
});

const trackerWith = (oauth: AsanaOAuthApp) =>
  createAsanaTracker({
    basePath: asana.url,
    oauth,
    workspace: DEMO_WORKSPACE.gid,
    team: DEMO_TEAM.gid,
    tokenKind: 'oauth',
  });
const policy = { ...defaultRetryPolicy, sleep: waitOn(clock), now: clock.now };

describe('Asana OAuth access tokens last 3600 s: the tracker renews them', () => {
  it('a run whose clock passes the hour mid-run completes, with one refresh after the hour', async () => {
    const plan = planWith({ id: 'oauth-hour', items: 40, links: 8, target: 'asana' });
    const tracker = trackerWith(APP);
    const send = asanaSdk.BatchAPIApi.prototype.createBatchRequest;
    let batches = 0;
    vi.spyOn(asanaSdk.BatchAPIApi.prototype, 'createBatchRequest').mockImplementation(async function (
      this: unknown,
      ...args
    ) {
      // The hour passes while the second task batch is on its way: every later request meets an expired token.
      batches += 1;
      if (batches === 2) clock.advance(HOUR_MS);
      return send.apply(this, args);
    });
    const accounts = await lookUpPeople(tracker, assigneesOf(plan), policy);
    const report = await applyPlan(plan, tracker, { accounts, policy, ledger: memoryLedger() });
    expect(report.failed).toEqual([]);
    expect(report.created).toHaveLength(plan.items.length);
    const stats = asana.stats();
    // The first token, then one after the hour, however many requests met the expired one at once.
    expect(stats.requests['POST /-/oauth_token']).toBe(2);
    expect(stats.statuses['401']).toBeGreaterThanOrEqual(1);
    // Every request the tracker sent is one it counts: refreshes and the requests sent again included.
    expect(tracker.requests()).toBe(stats.total);
  });

  it('renews a token a minute before its hour is up, so no request meets the expiry', async () => {
    const tokens = createAccessTokens(APP, { tokenUrl: tokenUrlFor(asana.url), timeoutMs: 5000, now: clock.now });
    const first = await tokens.fresh();
    expect(await tokens.fresh()).toBe(first);
    clock.advance(HOUR_MS - 59_000);
    const second = await tokens.fresh();
    expect(second).not.toBe(first);
    const me = await fetch(`${asana.url}/users/me`, { headers: { authorization: `Bearer ${second}` } });
    expect(me.status).toBe(200);
    expect([tokens.requests(), asana.stats().statuses['401']]).toEqual([2, undefined]);
  });

  it('a refused refresh: a 401 on POST /-/oauth_token, showing neither the secret nor the refresh token', async () => {
    const wrong = { ...APP, clientSecret: 'wrong-client-secret-0123456789abcdef' };
    const error: unknown = await lookUpPeople(trackerWith(wrong), ['dana.lead@vendor.example'], policy).catch(
      (e: unknown) => e,
    );
    expect(String(error)).toContain('[asana] 401 on POST /-/oauth_token: ');
    expect(String(error)).toContain('invalid_client');
    const texts = [String(error), inspect(error, { depth: 12, showHidden: true }), JSON.stringify(error)];
    for (const secret of [wrong.clientSecret, APP.clientSecret, APP.refreshToken])
      expect(texts.some((text) => text.includes(secret))).toBe(false);
  });
});
