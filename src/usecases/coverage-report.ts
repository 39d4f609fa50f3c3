import { buildPlan } from '../domain/plan/plan';
import type { PlanTarget } from '../domain/plan/plan-types';
import type { HandoffRecord } from '../domain/record/record';
import { twoWayCoverage, type TwoWayCoverage } from '../domain/change/tracker-coverage';
import { findItems } from '../provision/find-items';
import type { LedgerFor } from '../provision/ledger';
import { createSender, type RetryPolicy } from '../provision/retry';
import type { ProvisioningTracker } from '../provision/tracker';

/**
 * Coverage both ways against what the tracker holds now: one search for the record's tickets
 * (a page per 100), the rest is the pure comparison in the core.
 */
export async function coverageReport(
  tracker: ProvisioningTracker,
  record: HandoffRecord,
  options: { target: PlanTarget; today: string; policy: RetryPolicy; ledger?: LedgerFor },
): Promise<TwoWayCoverage & { calls: number }> {
  const start = tracker.requests();
  const found = await findItems(tracker, record.id, createSender(options.policy), options.ledger);
  const tickets = [...found.values()].map((t) => ({ itemId: t.itemId, key: t.key, descoped: t.state.descoped }));
  const plan = buildPlan(record, { target: options.target });
  return { ...twoWayCoverage(record, plan, tickets), calls: tracker.requests() - start };
}
