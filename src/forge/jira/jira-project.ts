import { z } from 'zod';
import type { AdfDocument } from '../../trackers/jira/adf';
import { createJiraClient } from '../../trackers/jira/jira-client';
import { jiraPath } from '../../trackers/jira/jira-path';
import type { JiraRequest } from '../../trackers/jira/jira-request';

const myPermissions = z.object({ permissions: z.record(z.string(), z.object({ havePermission: z.boolean() })) });

/**
 * GET /rest/api/3/mypermissions — whether whoever `request` acts as may create issues in the
 * project. Jira answers 404 to someone who may not even browse it: that is a no as well.
 */
export async function mayCreateIssues(request: JiraRequest, projectKey: string): Promise<boolean> {
  const client = createJiraClient(request);
  const call = await client.send(
    'GET',
    jiraPath`/rest/api/3/mypermissions?projectKey=${projectKey}&permissions=${'CREATE_ISSUES'}`,
    undefined,
    [200, 404],
  );
  if (call.status === 404) return false;
  return (
    client.read(myPermissions, call, 'GET /rest/api/3/mypermissions').permissions.CREATE_ISSUES?.havePermission === true
  );
}

/** POST /rest/api/3/issue/{issueIdOrKey}/comment — an ADF comment. */
export async function addComment(request: JiraRequest, issueKey: string, body: AdfDocument): Promise<void> {
  await createJiraClient(request).send('POST', jiraPath`/rest/api/3/issue/${issueKey}/comment`, { body }, [201]);
}
