import type { HandoffRecord } from './record.ts';
import type { Problem } from './problem.ts';
import { resolveTimeline } from './timeline.ts';
import { merge } from './gate/finding.ts';
import { requiredFields } from './gate/required-fields.ts';
import { ownership } from './gate/ownership.ts';
import { promiseCoverage } from './gate/promise-coverage.ts';
import { dateRules } from './gate/dates.ts';
import { approvals } from './gate/approvals.ts';
import { transferRules } from './gate/transfer.ts';
import { peopleResolution, type PersonDirectory } from './gate/people-resolution.ts';

export type { PersonDirectory } from './gate/people-resolution.ts';

export type GateDecision = 'go' | 'not-yet';
export type GateResult = { decision: GateDecision; blockers: Problem[]; warnings: Problem[] };

export type GateOptions = {
  /** `YYYY-MM-DD`: the gate has no clock of its own. */
  today: string;
  /** Who the target tracker can assign; checked at plan time once an adapter has looked them up. */
  people?: PersonDirectory;
};

/** "Go" or "not yet", with every blocker at its field path. A pure function of the record. */
export function evaluateGate(record: HandoffRecord, options: GateOptions): GateResult {
  const { timeline } = resolveTimeline(record);
  const findings = merge([
    requiredFields(record),
    promiseCoverage(record, options.today),
    ownership(record),
    dateRules(record, timeline, options.today),
    approvals(record, options.today),
    transferRules(record),
    peopleResolution(record, options.people, options.today),
  ]);
  return { decision: findings.blockers.length === 0 ? 'go' : 'not-yet', ...findings };
}
