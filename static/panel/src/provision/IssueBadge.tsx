import type { StatusCategory } from '../../../../src/forge/resolvers/issue-statuses';
import { IssueLink } from '../ui/IssueLink';
import { Lozenge, type Appearance } from '../ui/Lozenge';
import type { ShownIssue } from './use-issue-statuses';

/** Jira's own colours for its three status categories: grey to do, blue in progress, green done. */
const APPEARANCE: Record<StatusCategory, Appearance> = { new: 'default', indeterminate: 'inprogress', done: 'success' };

/** A status as Jira shows it: a lozenge in its category's colour, or a quiet word while Jira's search has not said. */
export function IssueStatusLozenge({ issue }: { issue: ShownIssue }) {
  if (!issue.status) return <span className="subtle issue-status-unknown">status not known yet</span>;
  return <Lozenge appearance={APPEARANCE[issue.status.category]}>{issue.status.name}</Lozenge>;
}

/** An item's issue: its key, linking to it in Jira, and where it stands. */
export function IssueBadge({ issue, siteUrl, itemId }: { issue: ShownIssue; siteUrl: string; itemId?: string }) {
  return (
    <span className="issue-badge">
      <IssueLink siteUrl={siteUrl} issueKey={issue.key} itemId={itemId} /> <IssueStatusLozenge issue={issue} />
    </span>
  );
}
