import type { ShownIssue } from '../provision/use-issue-statuses';

/** Once provisioned: each item's issue, by plan item id, with its status once the tracker has said it. */
export type ItemIssues = { items: ReadonlyMap<string, ShownIssue>; siteUrl: string };

/** What the record's lists need beyond the form: where the lead is going, today, dates and issues. */
export type ListContext = {
  /** The field path the lead was last sent to (a blocker, a plan row): its card opens itself. */
  reveal: { path: string } | null;
  /** The gate's day, ISO: what "overdue" is measured against. */
  today: string | null;
  /** The draft's dates resolved to days, by field path. */
  dues: ReadonlyMap<string, string>;
  /** The saved record's id, which plan item ids carry. */
  recordId: string | null;
  issues: ItemIssues | null;
};
