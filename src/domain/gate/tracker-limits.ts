import type { HandoffRecord } from '../record/record';
import { buildPlan } from '../plan/plan';
import type { PlanItem } from '../plan/plan-types';
import {
  DESCRIPTION_TEXT_BUDGET,
  FULL_TITLE,
  JIRA_SUMMARY_LIMIT,
  JIRA_TEXT_LIMIT,
  descriptionSize,
} from '../plan/tracker-limits';
import type { Problem } from '../problem';
import type { Findings } from './finding';

/**
 * What Jira would refuse or shorten, said before anything is written: a description too long
 * for Jira blocks "go" (every create of that item would fail), a title too long for a summary
 * is cut on the ticket — worth a warning, since the whole title stays in its description.
 */
export function trackerLimits(record: HandoffRecord): Findings {
  const items = buildPlan(record, { target: 'jira' }).items;
  const blockers = items.flatMap((item): Problem[] => {
    const size = descriptionSize(item.description);
    if (size <= DESCRIPTION_TEXT_BUDGET) return [];
    return [
      {
        path: item.kind === 'parent' ? 'outcome.why' : `${item.recordPath}.detail`,
        message:
          `its ticket's description would hold ${size.toLocaleString('en-US')} characters of text; a Jira ` +
          `description holds ${JIRA_TEXT_LIMIT.toLocaleString('en-US')} with its layout, so Handoff keeps the text ` +
          `under ${DESCRIPTION_TEXT_BUDGET.toLocaleString('en-US')}: shorten it, or link a document instead`,
      },
    ];
  });
  const warnings = items.filter(cutSummary).map((item): Problem => ({
    path: item.kind === 'parent' ? 'title' : `${item.recordPath}.title`,
    message:
      `a Jira summary holds ${JIRA_SUMMARY_LIMIT} characters, so the ticket's summary is cut to "…" at the end; ` +
      `the whole title is kept in its description — shorten the title to keep it whole`,
  }));
  return { blockers, warnings };
}

const cutSummary = (item: PlanItem): boolean => item.description.facts.some((fact) => fact.label === FULL_TITLE);
