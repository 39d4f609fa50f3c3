import type { HandoffRecord } from '../record/record';
import type { Problem } from '../problem';
import { resolveTimeline } from '../dates/timeline';
import { merge } from './finding';
import { requiredFields } from './required-fields';
import { ownership } from './ownership';
import { promiseCoverage } from './promise-coverage';
import { dateRules } from './dates';
import { approvals } from './approvals';
import { transferRules } from './transfer';
import { peopleResolution, type PersonDirectory } from './people-resolution';
import { projectFields, type FieldRefusal } from './project-fields';
import { trackerLimits } from './tracker-limits';

export type { PersonDirectory } from './people-resolution';
export type { FieldRefusal, PlanField } from './project-fields';

export type GateDecision = 'go' | 'not-yet';
export type GateResult = { decision: GateDecision; blockers: Problem[]; warnings: Problem[] };

export type GateOptions = {
  /** `YYYY-MM-DD`: the gate has no clock of its own. */
  today: string;
  /** Who the target tracker can assign; checked at plan time once an adapter has looked them up. */
  people?: PersonDirectory;
  /** What the target project refuses of the plan (screens, required fields), asked by the adapter beforehand. */
  refusals?: readonly FieldRefusal[];
};

/** "Go" or "not yet", with every blocker at its field path. A pure function of the record. */
export function evaluateGate(record: HandoffRecord, options: GateOptions): GateResult {
  const { timeline } = resolveTimeline(record);
  const findings = merge([
    requiredFields(record),
    promiseCoverage(record),
    ownership(record),
    dateRules(record, timeline, options.today),
    approvals(record, options.today),
    transferRules(record),
    peopleResolution(record, options.people),
    projectFields(record, options.refusals),
    trackerLimits(record),
  ]);
  return { decision: findings.blockers.length === 0 ? 'go' : 'not-yet', ...findings };
}
