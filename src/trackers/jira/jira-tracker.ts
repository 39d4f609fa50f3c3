import { z } from 'zod';
import type { CreateOutcome, CreateRequest, ExistingItem, LinkOutcome } from '../../provision/tracker';
import type { Tracker } from '../../provision/change-tracker';
import { TrackerError } from '../../provision/tracker-error';
import { descriptionToAdf } from './adf';
import { jiraChanges } from './jira-changes';
import { createJiraClient } from './jira-client';
import { jiraCreatemeta } from './jira-createmeta';
import { jiraItemWrites } from './jira-item-writes';
import { createLinkTypes } from './jira-link-types';
import { jiraPath } from './jira-path';
import type { JiraRequest } from './jira-request';
import { bulkCreated, bulkFetched, errorText, searchPage, userList } from './jira-schemas';
import { quote } from './jira-jql';
import { jiraClaims } from './jira-claims';
import { jiraLedgerMirror } from './jira-ledger-mirror';
import { existingItem, HANDOFF_PROPERTY_KEY, ITEM_FIELDS } from './jira-existing';
import { recordLabel } from '../../domain/plan/plan-items';
import { jiraProjectKey } from '../../domain/record/jira-keys';

/** Jira's bulk fetch reads at most this many issues a request. */
const FETCH_MAX = 100;

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
  /** POST /rest/api/3/issue/bulkfetch: up to 100 issues by id, read directly, not through the search index. */
  const fetch = async (recordId: string, ids: readonly string[]) => {
    const type = await blocks();
    const call = await client.send('POST', jiraPath`/rest/api/3/issue/bulkfetch`, {
      issueIdsOrKeys: ids,
      fields: ITEM_FIELDS,
      properties: [HANDOFF_PROPERTY_KEY],
    });
    const fetched = client.read(bulkFetched, call, 'POST /rest/api/3/issue/bulkfetch');
    return fetched.issues.flatMap((issue) => existingItem(issue, type.id, recordId) ?? []);
  };
  /**
   * The created issues read back. Should the read fail, the issues still exist: the failure is
   * said as an unanswered create (never as the read's own 429, which would have the whole call
   * sent again), and the engine finds them by search.
   */
  const readBack = async (recordId: string, issues: readonly { id: string; key: string }[]) => {
    try {
      return await fetch(
        recordId,
        issues.map((i) => i.id),
      );
    } catch (error) {
      if (!(error instanceof TrackerError)) throw error;
      throw new TrackerError({
        tracker: 'jira',
        operation: 'POST /rest/api/3/issue/bulkfetch',
        status: null,
        detail: `${issues.map((i) => i.key).join(', ')} were created but could not be read back (${error.message})`,
        cause: error,
      });
    }
  };
  const itemUrl = (key: string) => `${opts.siteUrl.replace(/\/+$/, '')}/browse/${encodeURIComponent(key)}`;

  return {
    name: 'jira',
    maxBatch: 50,
    linkBatch: 1,
    // Links meet the burst bucket of POST /issueLink: at a usual round trip of about 100 ms, 12 in flight keep it
    // near full (measured at N = 1,000: one 429 in 1,000 links; 16 met eleven, 10 left it a fifth idle).
    linkConcurrency: 12,
    // Four bulk creates of 50 in flight: 1,000 items in five round trips, far under the burst bucket's 100 a second.
    createConcurrency: 4,
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
     * POST /rest/api/3/search/jql on the label `handoff-<recordId>` — labels need no app, while
     * a clause on the `handoff` property matches nothing (and says nothing) on a site where no
     * installed app indexes it — with the fields that say where each issue stands now; the
     * property read back tells the items apart. One request per page of 100 (plus the link
     * types, once). Jira reconciles at most 50 ids a request (`reconcileIssues`).
     */
    async searchItems(recordId, cursor, reconcile = []) {
      const type = await blocks();
      const jql = `project = ${quote(opts.projectKey)} AND labels = ${quote(recordLabel(recordId))} ORDER BY key ASC`;
      const call = await client.send('POST', jiraPath`/rest/api/3/search/jql`, {
        jql,
        fields: ITEM_FIELDS,
        properties: [HANDOFF_PROPERTY_KEY],
        maxResults: Math.min(opts.pageSize, 100),
        ...(reconcile.length ? { reconcileIssues: reconcile.slice(0, 50).map(Number) } : {}),
        ...(cursor ? { nextPageToken: cursor } : {}),
      });
      const page = client.read(searchPage, call, 'POST /rest/api/3/search/jql');
      const items = page.issues.flatMap((issue) => existingItem(issue, type.id, recordId) ?? []);
      return page.nextPageToken && page.isLast !== true ? { items, cursor: page.nextPageToken } : { items };
    },

    fetchItems: fetch,
    ledgerMirror: jiraLedgerMirror(client),
    claims: jiraClaims(client, opts.projectKey),

    /**
     * POST /rest/api/3/issue/bulk — up to 50 issues, each with its `handoff` property inline —
     * then the created ids read back (one bulk fetch), so each key goes to the item whose
     * property it carries: Jira does not document the order of the issues it answers with.
     * Failed elements are matched by `failedElementNumber`, the index Jira documents. Two requests.
     */
    async createItems(requests) {
      const call = await client.send(
        'POST',
        jiraPath`/rest/api/3/issue/bulk`,
        { issueUpdates: requests.map((r) => issueUpdate(r, opts)) },
        [201, 400],
      );
      const result = client.read(bulkCreated, call, 'POST /rest/api/3/issue/bulk');
      const recordId = requests[0]?.property.recordId ?? '';
      const made = result.issues.length ? await readBack(recordId, result.issues) : [];
      return outcomes(requests, result, made);
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
    fetchBatch: FETCH_MAX,
    ...jiraChanges({ client, projectKey: opts.projectKey, itemIssueType: opts.itemIssueType }),
    ...jiraCreatemeta({ client, ...opts }),
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

/**
 * One outcome per request: failed elements by the index Jira reports, created ones by the
 * `handoff` property read back from them. A created issue that could not be read back fails
 * its item with the key, so nobody creates it twice without seeing it.
 */
function outcomes(
  requests: readonly CreateRequest[],
  result: z.output<typeof bulkCreated>,
  made: readonly ExistingItem[],
): CreateOutcome[] {
  const failures = new Map(result.errors.map((e) => [e.failedElementNumber, errorText(e.elementErrors ?? {})]));
  const byItem = new Map(made.map((item) => [item.itemId, item]));
  const unread = result.issues.filter((issue) => !made.some((m) => m.id === issue.id)).map((i) => i.key);
  return requests.map((r, index): CreateOutcome => {
    const failure = failures.get(index);
    if (failure !== undefined) return { itemId: r.item.itemId, ok: false, error: `[jira] ${failure}` };
    const issue = byItem.get(r.item.itemId);
    if (issue) return { itemId: r.item.itemId, ok: true, id: issue.id, key: issue.key };
    return {
      itemId: r.item.itemId,
      ok: false,
      error: `[jira] bulk create answered ${unread.join(', ') || 'no issue'} for this item, unreadable afterwards`,
    };
  });
}
