import type { Plan } from '../../domain/plan/plan';
import { HandoffError } from '../errors';
import { missing, PERMISSION_KEYS, type JiraPermission } from './jira-permissions';
import type { RightsOf } from './permission-cache';

/**
 * The kinds of write a provisioning run makes, from its plan: the issues, their assignees and
 * due dates, the ledger and handoff properties (an edit), the Blocks links, and the outcome
 * comment on the kickoff issue when there is one.
 */
export function provisioningNeeds(plan: Plan, comments: boolean): JiraPermission[] {
  const needs: JiraPermission[] = ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES'];
  if (plan.items.some((item) => item.assignee !== null)) needs.push('ASSIGN_ISSUES');
  if (plan.items.some((item) => item.due !== null)) needs.push('SCHEDULE_ISSUES');
  if (plan.items.some((item) => item.blocks.length > 0)) needs.push('LINK_ISSUES');
  if (comments) needs.push('ADD_COMMENTS');
  return needs;
}

/**
 * Applying a change may create, assign, schedule, edit, link and unlink, comment, and move the
 * change request: which of these a change needs is known only once it runs, so all are asked.
 */
export const APPLY_NEEDS: readonly JiraPermission[] = PERMISSION_KEYS;

/** An owner transfer reassigns each open ticket (an edit) and comments why on it. */
export const TRANSFER_NEEDS: readonly JiraPermission[] = [
  'BROWSE_PROJECTS',
  'EDIT_ISSUES',
  'ASSIGN_ISSUES',
  'ADD_COMMENTS',
];

/**
 * Before work goes to the queue: the person who started it (when a person did) and the app's
 * own account, which the queue acts as, must each hold every permission the work needs in the
 * project. Throws FORBIDDEN naming what is missing and where; nothing has been queued or
 * written then. `what` completes "to …", e.g. "provision this record in the background".
 */
export async function refuseUnlessBackgroundMay(
  rightsOf: RightsOf,
  work: { projectKey: string; startedBy: string | null; needs: readonly JiraPermission[]; what: string },
): Promise<void> {
  const { projectKey, needs, what } = work;
  if (work.startedBy !== null) {
    const lacking = missing(await rightsOf({ accountId: work.startedBy }, projectKey), needs);
    if (lacking.length > 0)
      throw new HandoffError(
        'FORBIDDEN',
        `You need ${listed(lacking)} in ${projectKey} to ${what}; ask a project admin. Nothing was queued or written.`,
      );
  }
  const appLacks = missing(await rightsOf('app', projectKey), needs);
  if (appLacks.length > 0)
    throw new HandoffError(
      'FORBIDDEN',
      `Handoff's app account needs ${listed(appLacks)} in ${projectKey} to ${what}: a Jira admin grants ` +
        `${appLacks.length > 1 ? 'them' : 'it'} to the atlassian-addons-project-access role in ${projectKey}'s ` +
        `permission scheme. Nothing was queued or written.`,
    );
}

/** "Link Issues", "Link Issues and Schedule Issues", "A, B and C". */
function listed(names: readonly string[]): string {
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
}
