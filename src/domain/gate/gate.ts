import type { HandoffRecord } from '../record/record.ts';
import type { Problem } from '../problem.ts';
import { resolveTimeline } from '../dates/timeline.ts';
import { merge } from './finding.ts';
import { requiredFields } from './required-fields.ts';
import { ownership } from './ownership.ts';
import { promiseCoverage } from './promise-coverage.ts';
import { dateRules } from './dates.ts';
import { approvals } from './approvals.ts';
import { transferRules } from './transfer.ts';
import { peopleResolution, type PersonDirectory } from './people-resolution.ts';

export type { PersonDirectory } from './people-resolution.ts';

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
    promiseCoverage(record),
    ownership(record),
    dateRules(record, timeline, options.today),
    approvals(record, options.today),
    transferRules(record),
    peopleResolution(record, options.people),
  ]);
  return { decision: findings.blockers.length === 0 ? 'go' : 'not-yet', ...findings };
}
