import { z } from 'zod';
import { createJiraClient } from '../../trackers/jira/jira-client';
import { jiraPath } from '../../trackers/jira/jira-path';
import type { JiraRequest } from '../../trackers/jira/jira-request';

/**
 * Every Jira project permission Handoff's work needs, by Jira's key. One `mypermissions`
 * request asks all of them at once: Browse Projects to read at all, Create Issues for the
 * plan's issues and change requests, Assign Issues for an assignee and Schedule Issues for a
 * due date (Jira leaves both fields off the screen without them), Edit Issues for updates and
 * entity properties (the handoff property, the ledger on the Epic, a change request's state),
 * Link Issues to add or remove a Blocks link, Add Comments, and Transition Issues (a change
 * request's status).
 */
export const PERMISSION_KEYS = [
  'BROWSE_PROJECTS',
  'CREATE_ISSUES',
  'EDIT_ISSUES',
  'ASSIGN_ISSUES',
  'SCHEDULE_ISSUES',
  'LINK_ISSUES',
  'ADD_COMMENTS',
  'TRANSITION_ISSUES',
] as const;

export type JiraPermission = (typeof PERMISSION_KEYS)[number];
/** What one person (or the app) may do in one project, for each permission Handoff needs. */
export type Rights = Record<JiraPermission, boolean>;

/** The names Jira's permission schemes show, for sentences a person acts on. */
const NAMES: Record<JiraPermission, string> = {
  BROWSE_PROJECTS: 'Browse Projects',
  CREATE_ISSUES: 'Create Issues',
  EDIT_ISSUES: 'Edit Issues',
  ASSIGN_ISSUES: 'Assign Issues',
  SCHEDULE_ISSUES: 'Schedule Issues',
  LINK_ISSUES: 'Link Issues',
  ADD_COMMENTS: 'Add Comments',
  TRANSITION_ISSUES: 'Transition Issues',
};

const myPermissions = z.object({ permissions: z.record(z.string(), z.object({ havePermission: z.boolean() })) });

/**
 * GET /rest/api/3/mypermissions?projectKey=&permissions=<all of the above> — what whoever
 * `request` acts as may do in the project, in one request. Jira answers 404 to someone who may
 * not even browse the project: that is a no to everything.
 */
export async function askRights(request: JiraRequest, projectKey: string): Promise<Rights> {
  const client = createJiraClient(request);
  const call = await client.send(
    'GET',
    jiraPath`/rest/api/3/mypermissions?projectKey=${projectKey}&permissions=${PERMISSION_KEYS.join(',')}`,
    undefined,
    [200, 404],
  );
  const granted =
    call.status === 404 ? {} : client.read(myPermissions, call, 'GET /rest/api/3/mypermissions').permissions;
  const have = (key: JiraPermission) => granted[key]?.havePermission === true;
  return {
    BROWSE_PROJECTS: have('BROWSE_PROJECTS'),
    CREATE_ISSUES: have('CREATE_ISSUES'),
    EDIT_ISSUES: have('EDIT_ISSUES'),
    ASSIGN_ISSUES: have('ASSIGN_ISSUES'),
    SCHEDULE_ISSUES: have('SCHEDULE_ISSUES'),
    LINK_ISSUES: have('LINK_ISSUES'),
    ADD_COMMENTS: have('ADD_COMMENTS'),
    TRANSITION_ISSUES: have('TRANSITION_ISSUES'),
  };
}

/** The permissions of `needs` that `rights` lacks, in Jira's names ("Link Issues"). */
export function missing(rights: Rights, needs: readonly JiraPermission[]): string[] {
  return needs.filter((key) => !rights[key]).map((key) => NAMES[key]);
}
