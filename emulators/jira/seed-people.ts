import { jiraTime } from './lookups';
import { nextId, type Issue, type Project, type SiteState, type User } from './site-state';

/**
 * People as a real site has them, beside the example people (seed.ts): some hide their e-mail
 * in their Atlassian profile, and some have left and been deactivated while their tickets
 * still name them. Kept apart from the rest of the seed so that it reads (and merges) alone.
 */

/** An example person who owns work in the examples (westmere) and hides their e-mail. */
export const PRIVATE_PERSON = 'owen.hughes@westmere.example';

/**
 * Someone who has left: deactivated, e-mail hidden, still the assignee of open issues of the
 * `LEAVER_RECORD` record in `LEAVER_PROJECT_KEY` (and of one done issue). Not an example
 * person, so no example record asks for them.
 */
export const LEAVER = { email: 'kai.lindqvist@vendor.example', displayName: 'Kai Lindqvist' } as const;
export const LEAVER_PROJECT_KEY = 'OPS';
export const LEAVER_RECORD = 'northwind-support-2026';

/**
 * Adds the leaver (with their issues, in a project of their own so that DEL and CHG start
 * empty, and after them so that their ids stay what they were) and hides the e-mails of the
 * private person and the leaver. `addPerson` is seed.ts's way of adding someone.
 */
export function seedPrivateAndDeparted(
  state: SiteState,
  addPerson: (email: string, displayName: string) => User,
  admin: User,
): void {
  const existing = state.users.find((u) => u.email === PRIVATE_PERSON);
  if (existing) existing.emailHidden = true;
  const leaver = addPerson(LEAVER.email, LEAVER.displayName);
  leaver.emailHidden = true;
  leaver.active = false;

  const project: Project = {
    id: nextId(state),
    key: LEAVER_PROJECT_KEY,
    name: 'Operations handovers',
    leadAccountId: admin.accountId,
    issueTypeIds: state.issueTypes.filter((t) => !t.subtask && t.name !== 'Change Request').map((t) => t.id),
    nextIssueNumber: 1,
    roles: Object.fromEntries(state.users.map((u) => [u.accountId, u.siteAdmin ? 'administrator' : 'member'])),
  };
  state.projects.push(project);
  const stamp = jiraTime(new Date('2026-10-05T09:00:00Z'));
  const add = (itemId: string, summary: string, type: string, status: string, parent: Issue | null) => {
    const issue: Issue = {
      id: nextId(state),
      key: `${project.key}-${project.nextIssueNumber++}`,
      projectId: project.id,
      issueTypeId: idOf(state.issueTypes, type),
      statusId: idOf(state.statuses, status),
      summary,
      description: null,
      assigneeId: leaver.accountId,
      reporterId: admin.accountId,
      duedate: null,
      labels: [`handoff-${LEAVER_RECORD}`],
      parentId: parent?.id ?? null,
      fixVersionIds: [],
      created: stamp,
      updated: stamp,
      properties: { handoff: { recordId: LEAVER_RECORD, itemId, planHash: 'seeded' } },
      comments: [],
      changelog: [],
    };
    state.issues.push(issue);
    return issue;
  };
  const epic = add('epic', 'Northwind Freight — support handover', 'Epic', 'In Progress', null);
  add('hypercare', 'Go-live hypercare', 'Task', 'Done', epic);
  add('customs-runbook', 'Runbook for the customs integration', 'Task', 'To Do', epic);
  add('steering', 'Weekly steering call with Northwind', 'Task', 'In Progress', epic);
}

function idOf(items: ReadonlyArray<{ id: string; name: string }>, name: string): string {
  const found = items.find((item) => item.name === name);
  if (!found) throw new Error(`the seed has no ${name}`);
  return found.id;
}
