import { z } from 'zod';
import {
  handoffProperty,
  type CreateOutcome,
  type CreateRequest,
  type ExistingItem,
  type LinkOutcome,
} from '../../provision/tracker';
import type { Tracker } from '../../provision/change-tracker';
import { TrackerError } from '../../provision/tracker-error';
import { descriptionToAdf } from './adf';
import { jiraChanges } from './jira-changes';
import { createJiraClient } from './jira-client';
import { jiraItemWrites } from './jira-item-writes';
import { createLinkTypes } from './jira-link-types';
import { jiraPath } from './jira-path';
import type { JiraRequest } from './jira-request';
import { bulkCreated, errorText, searchPage, userList } from './jira-schemas';
import { DESCOPED_LABEL, quote } from './jira-jql';
import { jiraProjectKey } from '../../domain/record/jira-keys';

/** The entity property every provisioned issue carries (indexed for JQL by the Forge manifest). */
export const HANDOFF_PROPERTY_KEY = 'handoff';

const options = z.object({
  request: z.custom<JiraRequest>((v) => typeof v === 'function', 'request must be a function (requestJira or fetch)'),
  projectKey: jiraProjectKey,
  /** Browse URL base for links in reports, e.g. https://your-site.atlassian.net */
  siteUrl: z.url(),
  parentIssueType: z.string().default('Epic'),
  itemIssueType: z.string().default('Task'),
  pageSize: z.number().int().min(1).max(5000).default(100),
});
export type JiraTrackerOptions = z.input<typeof options>;

/**
 * Jira Cloud REST v3 as a Tracker. Options are checked when it is created, so a missing
 * project key fails at start-up, not halfway through a provisioning.
 */
export function createJiraTracker(input: JiraTrackerOptions): Tracker {
  const opts = options.parse(input);
  const client = createJiraClient(opts.request);
  const types = createLinkTypes(client);
  const blocks = types.blocks;
  /** People are looked up once per tracker: the panel and the gate ask about the same few. */
  const people = new Map<string, string | null>();
  const itemUrl = (key: string) => `${opts.siteUrl.replace(/\/+$/, '')}/browse/${encodeURIComponent(key)}`;

  return {
    name: 'jira',
    maxBatch: 50,
    linkBatch: 1,
    linkConcurrency: 16,
    // Half Jira's per-issue write limits (20 per 2 s, 100 per 30 s): requests leave later than planned.
    itemWriteLimits: [
      { writes: 10, windowMs: 2_000 },
      { writes: 50, windowMs: 30_000 },
    ],
    requests: client.requests,
    itemUrl,

    /** GET /rest/api/3/user/assignable/search — who can be assigned issues in the project (cached once found). */
    async findPerson(email) {
      const known = people.get(email.toLowerCase());
      if (known !== undefined) return known;
      const call = await client.send(
        'GET',
        jiraPath`/rest/api/3/user/assignable/search?project=${opts.projectKey}&query=${email}&maxResults=${10}`,
      );
      const users = client
        .read(userList, call, 'GET /rest/api/3/user/assignable/search')
        .filter((u) => u.active !== false && u.accountType !== 'app');
      // Privacy settings may hide e-mail addresses; the query still matches on them.
      const exact = users.find((u) => u.emailAddress?.toLowerCase() === email.toLowerCase());
      const account =
        exact?.accountId ?? (users.length === 1 && !users[0]?.emailAddress ? (users[0]?.accountId ?? null) : null);
      // Only a found account is remembered: someone invited a minute later must be found then.
      if (account) people.set(email.toLowerCase(), account);
      return account;
    },

    /**
     * POST /rest/api/3/search/jql on the indexed `handoff` property, with the fields that say
     * where each issue stands now (summary, assignee, due date, status, labels); one request
     * per page of 100 (plus the link types, once).
     */
    async searchItems(recordId, cursor) {
      const type = await blocks();
      const jql =
        `project = ${quote(opts.projectKey)} AND ` +
        `issue.property[${HANDOFF_PROPERTY_KEY}].recordId = ${quote(recordId)} ORDER BY key ASC`;
      const call = await client.send('POST', jiraPath`/rest/api/3/search/jql`, {
        jql,
        fields: ['issuelinks', 'summary', 'assignee', 'duedate', 'status', 'labels'],
        properties: [HANDOFF_PROPERTY_KEY],
        maxResults: Math.min(opts.pageSize, 100),
        ...(cursor ? { nextPageToken: cursor } : {}),
      });
      const page = client.read(searchPage, call, 'POST /rest/api/3/search/jql');
      const items = page.issues.flatMap((issue): ExistingItem[] => {
        const property = handoffProperty.safeParse(issue.properties?.[HANDOFF_PROPERTY_KEY]);
        if (!property.success || property.data.recordId !== recordId) return [];
        const fields = issue.fields ?? {};
        const blocked = (fields.issuelinks ?? [])
          .filter((l) => l.type.id === type.id && l.outwardIssue)
          .map((l) => l.outwardIssue?.key ?? '');
        const state = {
          summary: fields.summary ?? '',
          due: fields.duedate ?? null,
          done: fields.status?.statusCategory?.key === 'done',
          assignee: fields.assignee
            ? { account: fields.assignee.accountId, email: fields.assignee.emailAddress ?? null }
            : null,
          descoped: (fields.labels ?? []).includes(DESCOPED_LABEL),
        };
        return [{ ...property.data, key: issue.key, blocks: blocked, state }];
      });
      return page.nextPageToken && page.isLast !== true ? { items, cursor: page.nextPageToken } : { items };
    },

    /** POST /rest/api/3/issue/bulk — up to 50 issues, each with its `handoff` property inline. One request. */
    async createItems(requests) {
      const call = await client.send(
        'POST',
        jiraPath`/rest/api/3/issue/bulk`,
        { issueUpdates: requests.map((r) => issueUpdate(r, opts)) },
        [201, 400],
      );
      const result = client.read(bulkCreated, call, 'POST /rest/api/3/issue/bulk');
      return outcomes(requests, result);
    },

    /**
     * POST /rest/api/3/issueLink, one request per blocker. In this request Jira reads the
     * *inward* issue as the subject of the outward phrase ("inwardIssue blocks outwardIssue"),
     * the reverse of how links are then shown on issues. Jira answers a duplicate link as
     * created, so a retry is safe.
     */
    async createLinks(links) {
      const type = await blocks();
      const results: LinkOutcome[] = [];
      for (const { blocked, blockers } of links) {
        for (const blocker of blockers) {
          try {
            await client.send(
              'POST',
              jiraPath`/rest/api/3/issueLink`,
              { type: { name: type.name }, inwardIssue: { key: blocker }, outwardIssue: { key: blocked } },
              [201],
            );
            results.push({ blocked, blocker, ok: true });
          } catch (error) {
            // A 429 or 5xx is the whole call's to retry; anything else is this link's outcome.
            if (!(error instanceof TrackerError) || error.rateLimited || error.transient) throw error;
            results.push({ blocked, blocker, ok: false, error: error.message });
          }
        }
      }
      return results;
    },

    ...jiraItemWrites({ client, types }),
    ...jiraChanges({ client, projectKey: opts.projectKey, itemIssueType: opts.itemIssueType }),
  };
}

function issueUpdate(r: CreateRequest, opts: z.output<typeof options>) {
  const { item } = r;
  return {
    fields: {
      project: { key: opts.projectKey },
      issuetype: { name: item.kind === 'parent' ? opts.parentIssueType : opts.itemIssueType },
      summary: item.summary,
      description: descriptionToAdf(item.description),
      labels: [...item.labels, ...(item.milestone ? [`milestone-${item.milestone}`] : [])],
      ...(r.assigneeAccount ? { assignee: { accountId: r.assigneeAccount } } : {}),
      ...(item.due ? { duedate: item.due } : {}),
      ...(r.parentKey ? { parent: { key: r.parentKey } } : {}),
    },
    properties: [{ key: HANDOFF_PROPERTY_KEY, value: r.property }],
  };
}

/** Jira lists created issues in request order, skipping the failed elements it reports by index. */
function outcomes(requests: readonly CreateRequest[], result: z.output<typeof bulkCreated>): CreateOutcome[] {
  const failures = new Map(result.errors.map((e) => [e.failedElementNumber, errorText(e.elementErrors ?? {})]));
  const created = [...result.issues];
  return requests.map((r, index): CreateOutcome => {
    const failure = failures.get(index);
    if (failure !== undefined) return { itemId: r.item.itemId, ok: false, error: `[jira] ${failure}` };
    const issue = created.shift();
    return issue
      ? { itemId: r.item.itemId, ok: true, key: issue.key }
      : { itemId: r.item.itemId, ok: false, error: '[jira] bulk create returned fewer issues than requested' };
  });
}
