import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEMO_TEAM,
  DEMO_WORKSPACE,
  LOCAL_ASANA_OAUTH_TOKEN,
  startLocalAsana,
  type LocalAsana,
} from '../../emulators/asana/index';
import { applyPlan } from '../../src/provision/engine';
import { memoryLedger } from '../../src/provision/ledger';
import { assigneesOf, lookUpPeople } from '../../src/provision/people-directory';
import { defaultRetryPolicy } from '../../src/provision/retry';
import { createAsanaTracker } from '../../src/trackers/asana/asana-tracker';
import { PEOPLE } from '../reliability/cli-process';
import { planWith } from './plan-fixture';

// Requests overlap only while the local Asana holds them: its latency makes the engine's
// concurrency real, and its concurrent request limits are on, as they are by default.
const LATENCY_MS = 30;

let asana: LocalAsana | undefined;
afterEach(async () => {
  await asana?.close();
  asana = undefined;
});

async function site() {
  asana = await startLocalAsana({
    dataDir: mkdtempSync(join(tmpdir(), 'handoff-asana-concurrency-')),
    fresh: true,
    faults: { latencyMs: LATENCY_MS },
  });
  const tracker = () =>
    createAsanaTracker({
      basePath: asana?.url ?? '',
      token: LOCAL_ASANA_OAUTH_TOKEN,
      workspace: DEMO_WORKSPACE.gid,
      team: DEMO_TEAM.gid,
      tokenKind: 'oauth',
    });
  return { asana, tracker };
}

/** 429s the local Asana answered, to whole requests and to batch actions. */
const refusals = (local: LocalAsana) => {
  const stats = local.stats();
  return (stats.statuses['429'] ?? 0) + (stats.batchActions.statuses['429'] ?? 0);
};

describe('Asana 15 concurrent writes, 50 reads (batch actions counted): the adapter keeps under them', () => {
  it('provisions 1,000 items and 1,000 dependencies with zero concurrency 429s, each task made once', async () => {
    const { asana: local, tracker } = await site();
    expect(local.faults.settings.inFlightLimit).toEqual({ reads: 50, writes: 15 });
    const asanaTracker = tracker();
    const plan = planWith({ id: 'concurrency-1000', items: 999, links: 1000, assignees: PEOPLE, target: 'asana' });
    const ledger = memoryLedger();
    const accounts = await lookUpPeople(asanaTracker, assigneesOf(plan), defaultRetryPolicy);
    const report = await applyPlan(plan, asanaTracker, { accounts, ledger });

    expect(report.failed).toEqual([]);
    expect(report.links.failed).toEqual([]);
    expect(report.created).toHaveLength(plan.items.length);
    expect(report.links.created).toBe(1000);
    expect(refusals(local)).toBe(0);
    // Never refused, so never sent twice: one create action a task (the parent is the project and its overview task).
    expect(local.stats().batchActions.requests['POST /api/1.0/tasks']).toBe(plan.items.length);
    expect(local.stats().batchActions.requests['POST /api/1.0/tasks/{task_gid}/addDependencies']).toBe(
      new Set(plan.items.flatMap((i) => i.blocks)).size,
    );

    const rerun = await applyPlan(plan, asanaTracker, { accounts, ledger });
    expect(rerun.created).toEqual([]);
    expect(rerun.existing).toHaveLength(plan.items.length);
    expect(refusals(local)).toBe(0);
  });

  // Each run keeps its own requests under the limits, not the other's: started together, their
  // creates overlap (each keeps a batch of ten in flight for over half a second), so Asana refuses some.
  it('two runs on one token: the 429s each causes the other are waited out, nothing made twice', async () => {
    const { asana: local, tracker } = await site();
    const plans = ['concurrency-a', 'concurrency-b'].map((id) =>
      planWith({ id, items: 199, links: 200, assignees: PEOPLE, target: 'asana' }),
    );
    const reports = await Promise.all(
      plans.map(async (plan) => {
        const own = tracker(); // its own caller: together the two runs can pass the token's 15 writes
        const accounts = await lookUpPeople(own, assigneesOf(plan), defaultRetryPolicy);
        return applyPlan(plan, own, { accounts, ledger: memoryLedger() });
      }),
    );
    for (const [i, report] of reports.entries()) {
      expect(report.failed).toEqual([]);
      expect(report.links.failed).toEqual([]);
      expect(report.created).toHaveLength(plans[i]?.items.length ?? -1);
    }
    expect(refusals(local)).toBeGreaterThan(0);
    const creates = local.stats().batchActions.requests['POST /api/1.0/tasks'] ?? 0;
    // Refused batches ran none of their actions: every task was made once.
    expect(creates).toBe(plans.reduce((n, p) => n + p.items.length, 0));
  });
});
