import { planWith } from '../test/contract/plan-fixture';
import type { Plan } from '../src/domain/plan/plan';

/** People of the example records, so both local trackers know them. */
const PEOPLE = ['maria.lopez@vendor.example', 'sam.okafor@vendor.example', 'priya.nair@vendor.example'];

/** The plan every client provisions at size `n`: n items (the parent included) and n dependency links. */
export function benchPlan(kind: 'jira' | 'asana', n: number): Plan {
  return planWith({ id: `bench-${kind}-${n}`, items: n - 1, links: n, assignees: PEOPLE, target: kind });
}
