import type { HandoffRecord } from '../../domain/record/record';
import { withRetry, type RetryPolicy } from '../../provision/retry';
import { createJiraClient } from '../../trackers/jira/jira-client';
import { jiraPath } from '../../trackers/jira/jira-path';
import type { JiraRequest } from '../../trackers/jira/jira-request';
import { errorBody, errorText } from '../../trackers/jira/jira-schemas';
import { HandoffError } from '../errors';

/**
 * The label that lets the kickoff trigger's manifest filter (manifest.yml) pass the kickoff
 * issue's status moves: the filter sees only the event, never the app's storage, so the issue
 * must say itself that it is a kickoff issue.
 */
export const KICKOFF_LABEL = 'handoff-kickoff';

const WHY: Record<number, string> = {
  400: 'Jira would not add the label (is Labels on the issue’s edit screen?)',
  403: 'you may not edit that issue',
  404: 'no such issue, or you cannot see it',
};

/**
 * PUT /rest/api/3/issue/{key} as the user who saves: adds KICKOFF_LABEL to the record's kickoff
 * issue (adding a label it has is a no-op, so every save re-marks it). When Jira says no, the
 * save is refused with the reason on `automation.kickoffIssue`: an unmarked kickoff issue would
 * only be noticed by the daily check, a day late, and nobody would know why.
 */
export async function markKickoffIssue(jira: JiraRequest, record: HandoffRecord, policy: RetryPolicy): Promise<void> {
  const key = record.automation?.kickoffIssue;
  if (key) await markKickoffKey(jira, key, policy, 'automation.kickoffIssue');
}

/** Labels `key` the kickoff issue, or refuses naming `field` (the record's, or the project settings'). */
export async function markKickoffKey(
  jira: JiraRequest,
  key: string,
  policy: RetryPolicy,
  field: string,
): Promise<void> {
  const client = createJiraClient(jira);
  const body = { update: { labels: [{ add: KICKOFF_LABEL }] } };
  const call = await withRetry(
    () => client.send('PUT', jiraPath`/rest/api/3/issue/${key}`, body, [204, 400, 403, 404]),
    'idempotent-write',
    policy,
  );
  if (call.status === 204) return;
  const details = errorBody.safeParse(call.body);
  const jiraSays = details.success ? errorText(details.data).replace(/\.$/, '') : 'no details';
  const why = `${WHY[call.status] ?? 'Jira refused'}${jiraSays === 'no details' ? '' : ` (Jira: ${jiraSays})`}`;
  throw new HandoffError(
    'BAD_REQUEST',
    `Handoff labels the kickoff issue ${key} "${KICKOFF_LABEL}" so that its status moves reach the app, ` +
      `and it could not: ${why}. Name an issue you may edit, or ask someone who may to save the record.`,
    [{ path: field, message: `could not label ${key} "${KICKOFF_LABEL}": ${why}` }],
  );
}
