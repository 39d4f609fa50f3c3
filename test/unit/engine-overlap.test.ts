import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/provision/engine';
import { assigneesOf } from '../../src/provision/people-directory';
import type { CreateOutcome, ExistingItem, ProvisioningTracker } from '../../src/provision/tracker';
import { planWith } from '../contract/plan-fixture';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A tracker that answers every call after `latencyMs` and notes what was in flight when. */
function slowTracker(latencyMs: number) {
  const made = new Map<string, number>();
  const log: { what: 'create' | 'link'; inFlightCreates: number }[] = [];
  let [requests, inFlight, created] = [0, 0, 0];
  const tracker: ProvisioningTracker = {
    name: 'slow',
    maxBatch: 50,
    linkBatch: 1,
    linkConcurrency: 16,
    createConcurrency: 4,
    fetchBatch: 100,
    requests: () => requests,
    findPerson: async (email) => `acct-${email}`,
    async searchItems() {
      requests += 1;
      return { items: [] };
    },
    fetchItems: async (): Promise<ExistingItem[]> => [],
    itemUrl: (key) => `slow://${key}`,
    preflight: async () => [],
    async createItems(batch) {
      requests += 1;
      inFlight += 1;
      log.push({ what: 'create', inFlightCreates: inFlight });
      await sleep(latencyMs);
      inFlight -= 1;
      return batch.map((r): CreateOutcome => {
        made.set(r.item.itemId, (made.get(r.item.itemId) ?? 0) + 1);
        created += 1;
        return { itemId: r.item.itemId, ok: true, id: String(created), key: `S-${created}` };
      });
    },
    async createLinks(links) {
      requests += 1;
      log.push({ what: 'link', inFlightCreates: inFlight });
      await sleep(latencyMs);
      return links.flatMap((l) => l.blockers.map((blocker) => ({ blocked: l.blocked, blocker, ok: true })));
    },
  };
  return { tracker, made, log };
}

describe('the engine overlaps what the limits allow (Jira: the burst bucket is per endpoint and method)', () => {
  it('keeps four bulk creates in flight and sends links while creates are still running; each item once', async () => {
    const plan = planWith({ id: 'overlap', items: 399, links: 400, assignees: ['a@x.example'], target: 'jira' });
    const { tracker, made, log } = slowTracker(30);
    const accounts = new Map(assigneesOf(plan).map((email) => [email, `acct-${email}`]));
    const report = await applyPlan(plan, tracker, { accounts });

    expect(report.failed).toEqual([]);
    expect(report.links).toMatchObject({ created: 400, failed: [] });
    expect(made.size).toBe(plan.items.length);
    expect([...made.values()].filter((n) => n !== 1)).toEqual([]);
    const creates = log.filter((e) => e.what === 'create');
    expect(Math.max(...creates.map((e) => e.inFlightCreates))).toBe(4);
    // A link went out before the last bulk create was sent: links no longer wait for every create.
    const firstLink = log.findIndex((e) => e.what === 'link');
    expect(firstLink).toBeGreaterThan(-1);
    expect(firstLink).toBeLessThan(log.map((e) => e.what).lastIndexOf('create'));
  });
});
