import type { AdfDocument } from '../../trackers/jira/adf';
import { createJiraClient } from '../../trackers/jira/jira-client';
import { jiraPath } from '../../trackers/jira/jira-path';
import type { JiraRequest } from '../../trackers/jira/jira-request';

/** POST /rest/api/3/issue/{issueIdOrKey}/comment — an ADF comment. */
export async function addComment(request: JiraRequest, issueKey: string, body: AdfDocument): Promise<void> {
  await createJiraClient(request).send('POST', jiraPath`/rest/api/3/issue/${issueKey}/comment`, { body }, [201]);
}
