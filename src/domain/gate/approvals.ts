import type { HandoffRecord } from '../record/record';
import { rulesFor } from '../record/scenarios';
import { resolveOwner } from '../record/people';
import type { Problem } from '../problem';
import type { Findings } from './finding';

const SIGNOFF_ASK = {
  sales: 'Sales has not confirmed that no undocumented promises remain.',
  operations: 'Operations has not confirmed receipt of the handoff.',
  delivery: 'Delivery has not confirmed it is ready (or listed what blocks it).',
} as const;

/** Exceptions carry a recorded approver; the receiving teams have signed; delivery is not blocked. */
export function approvals(record: HandoffRecord, today: string): Findings {
  const blockers: Problem[] = [];
  const warnings: Problem[] = [];
  record.exceptions?.forEach((e, i) => {
    if (!e.approvedBy)
      blockers.push({
        path: `exceptions[${i}].approvedBy`,
        message: `Exception "${e.title}" has no recorded approver: name who approved it.`,
      });
    if (!e.record)
      blockers.push({
        path: `exceptions[${i}].record`,
        message:
          `Exception "${e.title}": link where the approval is recorded, ` + 'so it is visible, not merely referenced.',
      });
  });
  record.timeline?.approvals?.forEach((a, i) => {
    if (!a.owner || !a.due)
      blockers.push({ path: `timeline.approvals[${i}]`, message: `Approval "${a.what}" needs an owner and a date.` });
    const owner = resolveOwner(record, a.owner);
    if (owner?.kind === 'unfilled-role')
      blockers.push({
        path: `timeline.approvals[${i}].owner`,
        message: `${owner.role} is named here but nobody fills it: set people.${owner.role}.`,
      });
  });
  for (const role of rulesFor(record).signoffs) {
    const signoff = record.signoffs?.[role];
    if (!signoff) blockers.push({ path: `signoffs.${role}`, message: SIGNOFF_ASK[role] });
    else if (signoff.at > today)
      warnings.push({
        path: `signoffs.${role}.at`,
        message: `The ${role} sign-off is dated ${signoff.at}, after today (${today}).`,
      });
  }
  const delivery = record.signoffs?.delivery;
  if (delivery?.status === 'blocked') {
    (delivery.blockers ?? []).forEach((reason, i) =>
      blockers.push({ path: `signoffs.delivery.blockers[${i}]`, message: `Delivery signed "blocked by": ${reason}` }),
    );
  }
  return { blockers, warnings };
}
