import { z } from 'zod';
import { changeStateSchema, type ChangeTicket } from '../../provision/change-types';
import type { Tracker } from '../../provision/change-tracker';
import { richTextToAdf } from './adf';
import { approvalOf } from './jira-approval';
import type { createJiraClient } from './jira-client';
import { CHANGE_REQUEST_LABEL, quote } from './jira-jql';
import { recordLabel } from '../../domain/plan/plan-items';
import { jiraPath } from './jira-path';
import { searchPage, status } from './jira-schemas';

type Context = { client: ReturnType<typeof createJiraClient>; projectKey: string; itemIssueType: string };
type ChangeMethods = Pick<
  Tracker,
  'createChangeRequest' | 'findChangeRequests' | 'readChangeRequest' | 'approveChangeRequest' | 'saveChangeState'
>;

/** The entity property holding a change request's machine state; its payload is in `…-payload-<n>`. */
export const CHANGE_PROPERTY_KEY = 'handoff-change';
const payloadKey = (part: number) => `${CHANGE_PROPERTY_KEY}-payload-${part}`;
/** The issue type a project may have for change requests; without it, a Task labelled `change-request`. */
const CHANGE_REQUEST_TYPE = 'Change Request';

const issueTypes = z.object({ issueTypes: z.array(z.object({ name: z.string() })) });
const changeIssue = z.object({
  key: z.string(),
  fields: z.object({ summary: z.string(), created: z.string(), status: status.optional() }),
  properties: z.record(z.string(), z.unknown()).default({}),
});
/** With `expand=transitions.fields`: each transition's screen fields, `required` and all. */
const transitions = z.object({
  transitions: z.array(
    z.object({
      id: z.string(),
      name: z.string().optional(),
      to: status,
      fields: z
        .record(
          z.string(),
          z.object({ name: z.string(), required: z.boolean(), hasDefaultValue: z.boolean().optional() }),
        )
        .optional(),
    }),
  ),
});
type Transition = z.infer<typeof transitions>['transitions'][number];
const payloadPart = z.object({ data: z.string() });

/**
 * Change requests as Jira issues: a "Change Request" (or a Task labelled `change-request`),
 * labelled with the record, assigned to the approval owner, its description the change in
 * ADF, its machine state and payload in entity properties. Found by label (labels need no
 * index, so this works on a site where the Forge app is not installed).
 */
export function jiraChanges({ client, projectKey, itemIssueType }: Context): ChangeMethods {
  let typeName: Promise<string> | undefined;
  /** GET /rest/api/3/issue/createmeta/{project}/issuetypes — one request, once. */
  const changeType = () =>
    (typeName ??= client
      .send('GET', jiraPath`/rest/api/3/issue/createmeta/${projectKey}/issuetypes?maxResults=${200}`)
      .then((call) =>
        client
          .read(issueTypes, call, 'GET /rest/api/3/issue/createmeta/{project}/issuetypes')
          .issueTypes.some((t) => t.name === CHANGE_REQUEST_TYPE)
          ? CHANGE_REQUEST_TYPE
          : itemIssueType,
      )
      .catch((error: unknown) => {
        typeName = undefined;
        throw error;
      }));

  const ticketOf = async (
    key: string,
    fields: z.infer<typeof changeIssue>['fields'],
    value: unknown,
  ): Promise<ChangeTicket | null> => {
    const state = changeStateSchema.safeParse(value);
    if (!state.success) return null;
    return {
      key,
      summary: fields.summary,
      created: fields.created,
      state: state.data,
      approval: await approvalOf(client, key, fields.status),
    };
  };

  /** GET /rest/api/3/issue/{key} with the change state only: a direct read, never behind a write. */
  const readTicket = async (key: string): Promise<ChangeTicket | null> => {
    const call = await client.send(
      'GET',
      jiraPath`/rest/api/3/issue/${key}?fields=${'summary,status,created'}&properties=${CHANGE_PROPERTY_KEY}`,
      undefined,
      [200, 404],
    );
    if (call.status === 404) return null;
    const issue = client.read(changeIssue, call, 'GET /rest/api/3/issue/{key}');
    return ticketOf(issue.key, issue.fields, issue.properties[CHANGE_PROPERTY_KEY]);
  };

  return {
    /**
     * POST /rest/api/3/issue with the state and payload as inline properties (one request, plus the issue types once).
     */
    async createChangeRequest(draft) {
      const labels = ['handoff', recordLabel(draft.recordId), CHANGE_REQUEST_LABEL];
      const properties = [
        { key: CHANGE_PROPERTY_KEY, value: draft.state },
        ...draft.payload.map((data, part) => ({ key: payloadKey(part), value: { data } })),
      ];
      const summary = draft.summary.length > 255 ? `${draft.summary.slice(0, 254)}…` : draft.summary;
      const call = await client.send(
        'POST',
        jiraPath`/rest/api/3/issue`,
        {
          fields: {
            project: { key: projectKey },
            issuetype: { name: await changeType() },
            summary,
            labels,
            description: richTextToAdf(draft.description),
            assignee: { accountId: draft.assigneeAccount },
          },
          properties,
        },
        [201],
      );
      return client.read(z.object({ key: z.string() }), call, 'POST /rest/api/3/issue').key;
    },

    /**
     * POST /rest/api/3/search/jql by label, oldest first; one request per 100, plus the changelog of each approved one.
     */
    async findChangeRequests(recordId, known = []) {
      const found: ChangeTicket[] = [];
      let cursor: string | undefined;
      do {
        const jql =
          `project = ${quote(projectKey)} AND labels = ${quote(recordLabel(recordId))} ` +
          `AND labels = ${quote(CHANGE_REQUEST_LABEL)} ORDER BY created ASC`;
        const call = await client.send('POST', jiraPath`/rest/api/3/search/jql`, {
          jql,
          fields: ['summary', 'status', 'created'],
          properties: [CHANGE_PROPERTY_KEY],
          maxResults: 100,
          ...(cursor ? { nextPageToken: cursor } : {}),
        });
        const page = client.read(searchPage, call, 'POST /rest/api/3/search/jql');
        for (const issue of page.issues) {
          const fields = {
            summary: issue.fields?.summary ?? '',
            created: issue.fields?.created ?? '',
            status: issue.fields?.status,
          };
          const ticket = await ticketOf(issue.key, fields, issue.properties?.[CHANGE_PROPERTY_KEY]);
          if (ticket?.state.recordId === recordId) found.push(ticket);
        }
        cursor = page.isLast === false ? page.nextPageToken : undefined;
      } while (cursor);
      // The search lags its writes: a change request made a moment ago is read directly by key.
      for (const key of known.filter((k) => !found.some((t) => t.key === k))) {
        const ticket = await readTicket(key);
        if (ticket?.state.recordId === recordId) found.push(ticket);
      }
      return found.sort((a, b) => a.created.localeCompare(b.created));
    },

    /** GET /rest/api/3/issue/{key} with every property (one request), plus its changelog when approved. */
    async readChangeRequest(key) {
      const call = await client.send(
        'GET',
        jiraPath`/rest/api/3/issue/${key}?fields=${'summary,status,created'}&properties=${'*all'}`,
        undefined,
        [200, 404],
      );
      if (call.status === 404) return null;
      const issue = client.read(changeIssue, call, 'GET /rest/api/3/issue/{key}');
      const ticket = await ticketOf(issue.key, issue.fields, issue.properties[CHANGE_PROPERTY_KEY]);
      if (!ticket) return null;
      const payload = Array.from(
        { length: ticket.state.payloadParts },
        (_, part) => payloadPart.safeParse(issue.properties[payloadKey(part)]).data?.data ?? '',
      );
      return { ...ticket, payload };
    },

    /**
     * GET then POST /rest/api/3/issue/{key}/transitions: to "Approved" where the workflow has
     * it, else to a done status. An issue already done (approved by someone else) goes back to
     * a to-do status first, so that the changelog names this approver: four requests then. A
     * transition whose screen requires a field Handoff cannot fill (a Resolution) is not sent:
     * the answer says which, for the admin (fidelity R9).
     */
    async approveChangeRequest(key) {
      const offered = async () =>
        client.read(
          transitions,
          await client.send('GET', jiraPath`/rest/api/3/issue/${key}/transitions?expand=${'transitions.fields'}`),
          'GET /rest/api/3/issue/{key}/transitions',
        ).transitions;
      const move = (id: string) =>
        client.send('POST', jiraPath`/rest/api/3/issue/${key}/transitions`, { transition: { id } }, [204]);
      const blockedBy = (t: Transition): string | null => {
        const names = Object.values(t.fields ?? {})
          .filter((f) => f.required && f.hasDefaultValue !== true)
          .map((f) => `"${f.name}"`);
        return names.length === 0
          ? null
          : `the "${t.name ?? t.to.name}" transition of ${key} requires ${names.join(', ')}; Handoff cannot fill ` +
              `it — remove it from the transition's screen in the ${projectKey} workflow (or make it optional), ` +
              `or move ${key} to ${t.to.name} in Jira yourself as the approval owner`;
      };
      /** The transition that approves: to "Approved", else to a done status; one Handoff can send, if any. */
      const approving = (list: Transition[]) => {
        const candidates = [
          ...list.filter((t) => t.to.name.toLowerCase() === 'approved'),
          ...list.filter((t) => t.to.name.toLowerCase() !== 'approved' && t.to.statusCategory?.key === 'done'),
        ];
        return candidates.find((t) => blockedBy(t) === null) ?? candidates[0];
      };
      let list = await offered();
      if (!approving(list)) {
        const back = list.find((t) => t.to.statusCategory?.key === 'new');
        if (back) {
          const blocked = blockedBy(back);
          if (blocked) return blocked;
          await move(back.id);
          list = await offered();
        }
      }
      const target = approving(list);
      if (!target)
        return (
          `${key} offers no transition to Approved or to a done status — add one to ` +
          `the ${projectKey} workflow, or approve it in Jira yourself as the approval owner`
        );
      const blocked = blockedBy(target);
      if (blocked) return blocked;
      await move(target.id);
      return null;
    },

    /** PUT /rest/api/3/issue/{key}/properties/handoff-change — one request. */
    async saveChangeState(key, state) {
      await client.send('PUT', jiraPath`/rest/api/3/issue/${key}/properties/${CHANGE_PROPERTY_KEY}`, state, [200, 201]);
    },
  };
}
