import { handoffProperty, type ExistingItem } from '../../provision/tracker';
import { DESCOPED_LABEL } from './jira-jql';
import type { IssueBean } from './jira-schemas';

/** The entity property every provisioned issue carries (indexed for JQL only where the Forge app is installed). */
export const HANDOFF_PROPERTY_KEY = 'handoff';

/** What the adapter asks Jira for whenever it reads provisioned issues: where each one stands now. */
export const ITEM_FIELDS = ['issuelinks', 'summary', 'assignee', 'duedate', 'status', 'labels'];

/**
 * An issue as an item of a record, or null when its `handoff` property is missing or names
 * another record: a label anyone may add does not make an issue ours, the property does.
 */
export function existingItem(issue: IssueBean, blocksTypeId: string, recordId: string): ExistingItem | null {
  const property = handoffProperty.safeParse(issue.properties?.[HANDOFF_PROPERTY_KEY]);
  if (!property.success || property.data.recordId !== recordId) return null;
  const fields = issue.fields ?? {};
  const blocks = (fields.issuelinks ?? [])
    .filter((l) => l.type.id === blocksTypeId && l.outwardIssue)
    .map((l) => l.outwardIssue?.key ?? '');
  return {
    ...property.data,
    id: issue.id,
    key: issue.key,
    blocks,
    state: {
      summary: fields.summary ?? '',
      due: fields.duedate ?? null,
      done: fields.status?.statusCategory?.key === 'done',
      assignee: fields.assignee
        ? { account: fields.assignee.accountId, email: fields.assignee.emailAddress ?? null }
        : null,
      descoped: (fields.labels ?? []).includes(DESCOPED_LABEL),
    },
  };
}
