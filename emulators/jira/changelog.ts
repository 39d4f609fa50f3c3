import { findUser, jiraTime } from './lookups';
import { nextId, type ChangeItem, type Issue, type SiteState, type User } from './site-state';

/** The fields whose changes the local site keeps in an issue's history, as Jira names them. */
type Tracked = Pick<Issue, 'statusId' | 'summary' | 'assigneeId' | 'duedate' | 'labels'>;

/** What a change compares: the tracked fields as they were. */
export function snapshot(issue: Issue): Tracked {
  return {
    statusId: issue.statusId,
    summary: issue.summary,
    assigneeId: issue.assigneeId,
    duedate: issue.duedate,
    labels: [...issue.labels],
  };
}

/**
 * Adds one changelog entry for whatever a request changed — an edit, an assignment, a
 * transition — by `actor`, as `GET /issue/{key}/changelog` then lists it. Nothing changed,
 * nothing written. Values absent on one side are left out, as Jira leaves them out.
 */
export function recordChanges(site: SiteState, issue: Issue, before: Tracked, actor: User, now: Date): void {
  const items: ChangeItem[] = [];
  const item = (
    field: string,
    fieldId: string,
    from: [string | null, string | null],
    to: [string | null, string | null],
  ) => {
    items.push({
      field,
      fieldId,
      ...(from[0] === null ? {} : { from: from[0] }),
      ...(from[1] === null ? {} : { fromString: from[1] }),
      ...(to[0] === null ? {} : { to: to[0] }),
      ...(to[1] === null ? {} : { toString: to[1] }),
    });
  };
  const statusName = (id: string) => site.statuses.find((s) => s.id === id)?.name ?? id;
  const userName = (id: string | null) => (id === null ? null : (findUser(site, id)?.displayName ?? id));
  if (before.statusId !== issue.statusId)
    item(
      'status',
      'status',
      [before.statusId, statusName(before.statusId)],
      [issue.statusId, statusName(issue.statusId)],
    );
  if (before.summary !== issue.summary) item('summary', 'summary', [null, before.summary], [null, issue.summary]);
  if (before.assigneeId !== issue.assigneeId)
    item(
      'assignee',
      'assignee',
      [before.assigneeId, userName(before.assigneeId)],
      [issue.assigneeId, userName(issue.assigneeId)],
    );
  if (before.duedate !== issue.duedate)
    item('duedate', 'duedate', [before.duedate, before.duedate], [issue.duedate, issue.duedate]);
  if (before.labels.join(' ') !== issue.labels.join(' '))
    item('labels', 'labels', [null, before.labels.join(' ')], [null, issue.labels.join(' ')]);
  if (items.length)
    issue.changelog.push({ id: nextId(site), authorId: actor.accountId, created: jiraTime(now), items });
}
