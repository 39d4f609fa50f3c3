import { validateRecord } from '../../src/domain/record/read-record';
import { buildPlan, type Plan, type PlanTarget } from '../../src/domain/plan/plan';

export const ASSIGNEES = ['dana.lead@vendor.example', 'cole.comms@vendor.example', 'tess.tech@vendor.example'];

/** Sizes of a generated record: `items` tracked items and exactly `links` blocker edges. */
export type FixtureSize = { id?: string; items: number; links: number; assignees?: string[] };

/**
 * A real plan (record → validate → plan) with `items` tracked items and exactly `links`
 * blocker edges: dependencies block promises, so the engine has both ends to create first.
 */
export function planWith(opts: FixtureSize & { target?: PlanTarget }): Plan {
  const record = validateRecord(recordWith(opts));
  if (!record.ok) throw new Error(`fixture record is invalid: ${JSON.stringify(record.problems.slice(0, 3))}`);
  return buildPlan(record.value, { target: opts.target ?? 'jira' });
}

/** The raw record behind `planWith`, for callers that store or gate the record itself. */
export function recordWith(opts: FixtureSize) {
  const assignees = opts.assignees ?? ASSIGNEES;
  const dependencies = Math.max(1, Math.ceil(opts.links / 4));
  const promises = opts.items - dependencies;
  if (promises < 4 && opts.links > 0) throw new Error('too few items for that many links');
  const perDependency = Array.from(
    { length: dependencies },
    (_, d) => Math.floor(opts.links / dependencies) + (d < opts.links % dependencies ? 1 : 0),
  );
  return {
    version: 1,
    id: opts.id ?? `contract-${opts.items}-${opts.links}`,
    title: `Contract plan with ${opts.items} items`,
    scenario: 'lightweight',
    customer: { company: 'Contract Co' },
    outcome: { why: 'Prove the tracker contract.' },
    timeline: {
      kickoff: '2027-01-11',
      goLive: '2027-06-01',
      milestones: [{ id: 'm1', name: 'First', due: 'kickoff+20bd' }],
    },
    people: { 'delivery-owner': assignees[0], 'comms-owner': assignees[1] },
    promises: Array.from({ length: promises }, (_, i) => ({
      id: `p${i}`,
      title: `Promise ${i}`,
      owner: assignees[i % assignees.length],
      due: `kickoff+${(i % 30) + 10}bd`,
    })),
    dependencies: perDependency.map((count, d) => ({
      id: `d${d}`,
      title: `Dependency ${d}`,
      side: d % 2 ? 'customer' : 'internal',
      owner: assignees[d % assignees.length],
      due: `kickoff+${(d % 5) + 1}bd`,
      blocks: Array.from({ length: count }, (_, k) => `p${(d * 7 + k) % promises}`),
    })),
  };
}

export function linkCount(plan: Plan): number {
  return plan.items.reduce((n, item) => n + item.blocks.length, 0);
}
