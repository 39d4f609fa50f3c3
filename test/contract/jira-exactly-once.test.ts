import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock, type ManualClock } from '../../emulators/common/clock';
import { DEMO_PROJECT_KEY, LOCAL_ADMIN, startLocalJira, type LocalJira } from '../../emulators/jira/index';
import { buildPlan, type Plan } from '../../src/domain/plan/plan';
import { validateRecord } from '../../src/domain/record/read-record';
import type { HandoffRecord } from '../../src/domain/record/record';
import { applyPlan } from '../../src/provision/engine';
import { assigneesOf, lookUpPeople } from '../../src/provision/people-directory';
import { defaultRetryPolicy, type RetryPolicy } from '../../src/provision/retry';
import { SEARCH_SETTLE_MS } from '../../src/provision/engine';
import type { WaitNotice } from '../../src/provision/wait-notice';
import { basicAuthRequest } from '../../src/trackers/jira/jira-request';
import { createJiraTracker } from '../../src/trackers/jira/jira-tracker';
import { transferOwner } from '../../src/usecases/transfer-owner';
import { cliLedgers } from '../../src/cli/file-ledger';
import type { LedgerFor } from '../../src/provision/ledger';
import { PEOPLE } from '../reliability/cli-process';
import { heldFor } from '../reliability/jira-check';
import { recordWith } from './plan-fixture';
import { waitOn } from './emulator-faults';

/**
 * The done-when of exactly-once on Jira, measured: the local Jira's search 3 s behind its
 * writes, on a site with the Forge app's property index and on one without, the engine with
 * the CLI's own file ledger. The clock moves only when the run waits, so "at once" is at once.
 */
const LAG_MS = 3_000;

let jira: LocalJira | undefined;
afterEach(async () => {
  const violations = jira?.violations() ?? [];
  await jira?.close();
  jira = undefined;
  expect(violations, 'the local Jira saw spec violations').toEqual([]);
});

function recordOf(id: string, items: number, links: number): HandoffRecord {
  const record = validateRecord(recordWith({ id, items, links, assignees: PEOPLE }));
  if (!record.ok) throw new Error(`fixture record is invalid: ${JSON.stringify(record.problems.slice(0, 3))}`);
  return record.value;
}

async function site(appInstalled: boolean) {
  const clock: ManualClock = manualClock();
  jira = await startLocalJira({
    dataDir: mkdtempSync(join(tmpdir(), 'handoff-exactly-once-')),
    fresh: true,
    validate: 'strict',
    clock,
    appInstalled,
    faults: { searchLagMs: LAG_MS },
  });
  const url = jira.url;
  // One per CLI process: a tracker remembers the people it found.
  const newTracker = () =>
    createJiraTracker({
      request: basicAuthRequest({ baseUrl: url, email: LOCAL_ADMIN.email, apiToken: LOCAL_ADMIN.apiToken }),
      projectKey: DEMO_PROJECT_KEY,
      siteUrl: url,
    });
  const tracker = newTracker();
  const notices: WaitNotice[] = [];
  const policy: RetryPolicy = {
    ...defaultRetryPolicy,
    now: clock.now,
    sleep: waitOn(clock),
    maxAttempts: 10,
    onWait: (notice) => notices.push(notice),
  };
  // The CLI's ledger files, in a folder of this site's own.
  const ledgers: LedgerFor = cliLedgers(
    'jira',
    { site: url, where: DEMO_PROJECT_KEY },
    mkdtempSync(join(tmpdir(), 'handoff-ledger-')),
  );
  const provision = async (plan: Plan) =>
    applyPlan(plan, tracker, {
      accounts: await lookUpPeople(tracker, assigneesOf(plan), policy),
      policy,
      ledger: ledgers(plan.recordId),
    });
  return { jira, clock, newTracker, policy, ledgers, provision, notices };
}

/** What the site holds once its index has caught up: issues per item and Blocks links. */
async function held(j: LocalJira, plan: Plan) {
  const found = await heldFor(j, plan.recordId);
  const links = plan.items.reduce((n, i) => n + i.blocks.length, 0);
  return {
    issues: found.itemIds.length,
    distinct: new Set(found.itemIds).size,
    links: found.links,
    expectedLinks: links,
  };
}

for (const appInstalled of [true, false]) {
  const where = appInstalled ? 'with the app’s property index' : 'without the app’s property index';
  describe(`exactly one issue per item, the search ${LAG_MS / 1000} s behind, ${where}`, () => {
    it('an immediate re-run creates nothing and links nothing', async () => {
      const s = await site(appInstalled);
      const plan = buildPlan(recordOf(`rerun-${appInstalled}`, 60, 30), { target: 'jira' });
      const first = await s.provision(plan);
      expect(first.failed).toEqual([]);
      const again = await s.provision(plan);
      const result = await held(s.jira, plan);
      console.log(
        `${where}: immediate re-run of ${plan.items.length} items — ${result.issues} issues, ` +
          `${result.links} links; first run ${first.calls} requests, re-run ${again.calls}`,
      );
      expect([again.created, again.failed, again.links.created]).toEqual([[], [], 0]);
      expect(result).toMatchObject({ issues: plan.items.length, distinct: plan.items.length });
      expect(result.links).toBe(result.expectedLinks);
    });

    it('a 5xx after a bulk create took effect: the lost answer is found, nothing is sent twice', async () => {
      const s = await site(appInstalled);
      const plan = buildPlan(recordOf(`lost-${appInstalled}`, 120, 60), { target: 'jira' });
      // Every bulk create goes through and its answer is lost, until the engine has settled it.
      s.jira.faults.update({ errorRate: 0.5, afterCommit: true, seed: 7 });
      const report = await s.provision(plan);
      const injected = s.jira.stats().statuses;
      s.jira.faults.update({ errorRate: 0, afterCommit: false });
      const result = await held(s.jira, plan);
      const errors = ['500', '502', '503'].reduce((n, c) => n + (injected[c] ?? 0), 0);
      console.log(
        `${where}: ${errors} 5xx after commit over ${plan.items.length} items — ${result.issues} issues, ` +
          `${result.links} links, ${report.failed.length} failed; ${report.calls} requests`,
      );
      expect(errors).toBeGreaterThan(0);
      // The wait for the search to show what the lost answers made is said, never silent.
      const lag = s.notices.filter((n) => n.reason === 'search lag');
      expect(lag.length).toBeGreaterThan(0);
      for (const notice of lag) expect(notice.waitMs).toBeLessThanOrEqual(SEARCH_SETTLE_MS);
      expect(s.notices.some((n) => n.reason === 'server error' || n.reason === 'no answer')).toBe(true);
      expect(report.failed).toEqual([]);
      expect(result).toMatchObject({ issues: plan.items.length, distinct: plan.items.length });
      expect(result.links).toBe(result.expectedLinks);
    });
  });
}

describe('a second machine, at once, without the first one’s ledger file', () => {
  it('finds the first run’s issues through the ledger kept on the Epic, and creates nothing', async () => {
    const s = await site(false);
    const plan = buildPlan(recordOf('second-machine', 120, 40), { target: 'jira' });
    const first = s.newTracker();
    // The first run's Epic is older than the lag by the time its last batches land, as in any run of minutes.
    const slow = {
      ...first,
      createItems: async (requests: Parameters<typeof first.createItems>[0]) => {
        const outcomes = await first.createItems(requests);
        if (requests.some((r) => r.item.kind === 'parent')) s.clock.advance(LAG_MS);
        return outcomes;
      },
    };
    const made = await applyPlan(plan, slow, {
      accounts: await lookUpPeople(first, assigneesOf(plan), s.policy),
      policy: s.policy,
      ledger: s.ledgers(plan.recordId),
    });
    expect(made.failed).toEqual([]);
    const elsewhere = s.newTracker();
    const before = s.jira.stats().total;
    const again = await applyPlan(plan, elsewhere, {
      accounts: await lookUpPeople(elsewhere, assigneesOf(plan), s.policy),
      policy: s.policy,
      ledger: cliLedgers(
        'jira',
        { site: s.jira.url, where: DEMO_PROJECT_KEY },
        mkdtempSync(join(tmpdir(), 'handoff-other-machine-')),
      )(plan.recordId),
    });
    const result = await held(s.jira, plan);
    console.log(
      `second machine at once: ${result.issues} issues for ${plan.items.length} items, ${result.links} links; ` +
        `${s.jira.stats().total - before} requests`,
    );
    expect([again.created, again.failed, again.links.created]).toEqual([[], [], 0]);
    expect(result).toMatchObject({ issues: plan.items.length, distinct: plan.items.length });
  });
});

describe('owner transfer of someone who left (deactivated, e-mail hidden)', () => {
  it('moves their open tickets, found through the accounts recorded at provisioning', async () => {
    const s = await site(false);
    const record = recordOf('leaver', 12, 4);
    const plan = buildPlan(record, { target: 'jira' });
    const [leaver, heir] = [PEOPLE[2] ?? '', PEOPLE[0] ?? ''];
    const theirs = plan.items.filter((i) => i.assignee === leaver).map((i) => i.itemId);
    expect(theirs.length).toBeGreaterThan(0);
    expect((await s.provision(plan)).failed).toEqual([]);
    const retired = await fetch(`${s.jira.url}/__emulator/users`, {
      method: 'POST',
      body: JSON.stringify({ email: leaver, active: false, emailHidden: true }),
    });
    expect(retired.status).toBe(200);
    const later = s.newTracker();
    expect(await later.findPerson(leaver)).toBeNull();
    const result = await transferOwner(
      later,
      { record, transfer: { from: leaver, to: heir }, today: '2027-01-04', target: 'jira' },
      { policy: s.policy, ledger: s.ledgers },
    );
    if (result.kind !== 'transferred') throw new Error(JSON.stringify(result));
    console.log(`leaver: ${result.moved.length} of ${theirs.length} open tickets moved; ${result.calls} requests`);
    expect(result.failed).toEqual([]);
    expect(result.moved.map((m) => m.itemId).sort()).toEqual([...theirs].sort());
  });
});
