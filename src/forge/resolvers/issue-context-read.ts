import { z } from 'zod';
import { handoffProperty, type HandoffProperty } from '../../provision/tracker';
import { createSender, type RetryPolicy } from '../../provision/retry';
import { createJiraClient } from '../../trackers/jira/jira-client';
import { CHANGE_PROPERTY_KEY } from '../../trackers/jira/jira-changes';
import { HANDOFF_PROPERTY_KEY } from '../../trackers/jira/jira-existing';
import { jiraPath } from '../../trackers/jira/jira-path';
import type { JiraRequest } from '../../trackers/jira/jira-request';
import { HandoffError } from '../errors';

/** An issue's status as the issue context shows it: Jira's name, and whether its category is done. */
export type IssueState = { name: string; done: boolean };

const statusField = z.object({ name: z.string(), statusCategory: z.object({ key: z.string() }).optional() });
const stateOf = (status: z.infer<typeof statusField>): IssueState => ({
  name: status.name,
  done: status.statusCategory?.key === 'done',
});

const linked = z.object({
  key: z.string(),
  fields: z.object({ summary: z.string().optional(), status: statusField.optional() }).optional(),
});
const issueView = z.object({
  key: z.string(),
  properties: z.record(z.string(), z.unknown()).optional(),
  fields: z.object({
    summary: z.string(),
    status: statusField.optional(),
    duedate: z.string().nullable().optional(),
    labels: z.array(z.string()).default([]),
    assignee: z
      .object({ accountId: z.string(), displayName: z.string().optional(), emailAddress: z.string().optional() })
      .nullable()
      .optional(),
    issuelinks: z
      .array(
        z.object({
          type: z.object({ name: z.string() }),
          inwardIssue: linked.optional(),
          outwardIssue: linked.optional(),
        }),
      )
      .default([]),
  }),
});

const FIELDS = 'summary,status,duedate,labels,assignee,issuelinks';
const PROPERTIES = `${HANDOFF_PROPERTY_KEY},${CHANGE_PROPERTY_KEY}`;

/** An issue linked to this one, as the link shows it: no request of its own. */
export type LinkedIssue = { key: string; summary: string; state: IssueState | null; linkType: string };

/** The issue as the issue context needs it, from one request. */
export type ContextIssue = {
  key: string;
  summary: string;
  state: IssueState | null;
  due: string | null;
  labels: string[];
  /** undefined: Jira hides the assignee's e-mail from the caller; null: unassigned. */
  assignee: { name: string; email: string | undefined } | null;
  /** The `handoff` property: which record and item it was made for (null: none, or not its shape). */
  mark: HandoffProperty | null;
  /** The issue carries a change request's state (`handoff-change`). */
  isChangeRequest: boolean;
  links: LinkedIssue[];
};

/**
 * GET /rest/api/3/issue/{key} as the user, with only the fields the context shows and the two
 * properties the app writes — one request. Its links carry the linked issues' summary and
 * status, so what the item blocks and waits on needs no request per link. Jira answers 404 to
 * an issue the user may not see: said as such.
 */
export async function readContextIssue(jira: JiraRequest, key: string, policy: RetryPolicy): Promise<ContextIssue> {
  const client = createJiraClient(jira);
  const call = await createSender(policy)(
    () =>
      client.send(
        'GET',
        jiraPath`/rest/api/3/issue/${key}?fields=${FIELDS}&properties=${PROPERTIES}`,
        undefined,
        [200, 404],
      ),
    'read',
  );
  if (call.status === 404)
    throw new HandoffError('NOT_FOUND', `Jira shows you no issue ${key}: it does not exist, or you may not browse it.`);
  const issue = client.read(issueView, call, 'GET /rest/api/3/issue/{key}');
  const { fields } = issue;
  const mark = handoffProperty.safeParse(issue.properties?.[HANDOFF_PROPERTY_KEY]);
  return {
    key: issue.key,
    summary: fields.summary,
    state: fields.status ? stateOf(fields.status) : null,
    due: fields.duedate ?? null,
    labels: fields.labels,
    assignee: fields.assignee
      ? { name: fields.assignee.displayName ?? fields.assignee.accountId, email: fields.assignee.emailAddress }
      : null,
    mark: mark.success ? mark.data : null,
    isChangeRequest: issue.properties?.[CHANGE_PROPERTY_KEY] !== undefined,
    links: fields.issuelinks.flatMap((link) => {
      const other = link.outwardIssue ?? link.inwardIssue;
      if (!other) return [];
      const status = other.fields?.status;
      return [
        {
          key: other.key,
          summary: other.fields?.summary ?? other.key,
          state: status ? stateOf(status) : null,
          linkType: link.type.name,
        },
      ];
    }),
  };
}
