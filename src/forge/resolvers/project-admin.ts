import { z } from 'zod';
import { withRetry, type RetryPolicy } from '../../provision/retry';
import { createJiraClient } from '../../trackers/jira/jira-client';
import { jiraPath } from '../../trackers/jira/jira-path';
import type { JiraRequest } from '../../trackers/jira/jira-request';

const adminAnswer = z.object({
  permissions: z.object({ ADMINISTER_PROJECTS: z.object({ havePermission: z.boolean() }).optional() }),
});

/**
 * Whether the user administers the project: GET /rest/api/3/mypermissions?permissions=ADMINISTER_PROJECTS
 * as them. Only the project-wide choices ask it (settings, where records are provisioned), one
 * request per call, so the permission cache the other resolvers share stays as it is. Jira's 404
 * (cannot browse the project) is a no.
 */
export async function administers(jira: JiraRequest, projectKey: string, policy: RetryPolicy): Promise<boolean> {
  const client = createJiraClient(jira);
  const call = await withRetry(
    () =>
      client.send(
        'GET',
        jiraPath`/rest/api/3/mypermissions?projectKey=${projectKey}&permissions=${'ADMINISTER_PROJECTS'}`,
        undefined,
        [200, 404],
      ),
    'read',
    policy,
  );
  if (call.status === 404) return false;
  return (
    client.read(adminAnswer, call, 'GET /rest/api/3/mypermissions').permissions.ADMINISTER_PROJECTS?.havePermission ===
    true
  );
}

/** Why someone who does not administer the project sees its project-wide choices read-only, and whom to ask. */
export const onlyAdminsChange = (projectKey: string, what: string) =>
  `Only administrators of ${projectKey} may change ${what}. ` +
  `Ask a project administrator, or one of Jira's administrators to make you one.`;
