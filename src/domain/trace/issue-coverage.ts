import type { Plan, PlanItem } from '../plan/plan-types';

/** The mark a provisioned issue carries (its `handoff` property): which record and item it was made for. */
export type IssueMark = { recordId: string; itemId: string; planHash: string };

/** What the issue shows of the item's fields, to compare with the plan (null: Jira did not show it). */
export type IssueFields = { summary: string; due: string | null; assigneeEmail: string | null | undefined };

/**
 * Does the promise still map to this issue: `current` (the item is in the project's record and
 * the issue matches it), `drifted` (still planned, but the issue's summary, due date or
 * assignee no longer say what the record says: `differences`), `descoped` (the record no
 * longer plans the item: the issue stays for its history), `other-record` (made for a record
 * that is not the project's now). `sameRun`: made from the current plan, no change since.
 */
export type IssueCoverage = {
  state: 'current' | 'drifted' | 'descoped' | 'other-record';
  sameRun: boolean;
  differences: string[];
};

export function issueCoverage(mark: IssueMark, plan: Plan | null, issue: IssueFields): IssueCoverage {
  if (plan === null || plan.recordId !== mark.recordId)
    return { state: 'other-record', sameRun: false, differences: [] };
  const sameRun = plan.hash === mark.planHash;
  const item = plan.items.find((i) => i.itemId === mark.itemId);
  if (!item) return { state: 'descoped', sameRun, differences: [] };
  const differences = differencesOf(item, issue);
  return { state: differences.length === 0 ? 'current' : 'drifted', sameRun, differences };
}

function differencesOf(item: PlanItem, issue: IssueFields): string[] {
  return [
    ...(issue.summary === item.summary ? [] : [`the summary says "${issue.summary}", the record "${item.summary}"`]),
    ...(issue.due === item.due
      ? []
      : [`the due date is ${issue.due ?? 'empty'}, the record says ${item.due ?? 'none'}`]),
    // Jira hides some people's e-mail: an assignee whose address is hidden is not called different.
    ...(issue.assigneeEmail === undefined || sameEmail(issue.assigneeEmail, item.assignee)
      ? []
      : [`the assignee is ${issue.assigneeEmail ?? 'nobody'}, the record names ${item.assignee ?? 'nobody'}`]),
  ];
}

function sameEmail(a: string | null, b: string | null): boolean {
  return (a ?? '').toLowerCase() === (b ?? '').toLowerCase();
}
