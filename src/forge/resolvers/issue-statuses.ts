import { z } from 'zod';
import { recordLabel } from '../../domain/plan/plan-items';
import { createSender, withRetry } from '../../provision/retry';
import { handoffProperty } from '../../provision/tracker';
import { createJiraClient } from '../../trackers/jira/jira-client';
import { quote } from '../../trackers/jira/jira-jql';
import { HANDOFF_PROPERTY_KEY } from '../../trackers/jira/jira-existing';
import { jiraPath } from '../../trackers/jira/jira-path';
import { searchPage } from '../../trackers/jira/jira-schemas';
import type { App } from '../deps';
import { actorOf, type Caller } from './resolver-kit';
import { trackerFor } from '../tracker-for';
import type { Tracker } from '../../provision/change-tracker';

/** Jira's three status categories: to do, in progress, done. */
export const STATUS_CATEGORIES = ['new', 'indeterminate', 'done'] as const;
export type StatusCategory = (typeof STATUS_CATEGORIES)[number];

/** One plan item's issue: its key, and where it stands in Jira — null while Jira's search does not list it yet. */
export type IssueStatus = { key: string; status: { name: string; category: StatusCategory } | null };

/**
 * The saved record's issues as Jira has them now, by plan item id. `complete: false`: the record
 * has more issues than one look reads (`limits.statusPages`), so the rest keep their key without a status.
 */
export type IssueStatusesView = { recordId: string | null; items: Record<string, IssueStatus>; complete: boolean };

/** Issues a page of Jira's search holds when fields are asked for. */
const PAGE_SIZE = 100;

const category = z.enum(STATUS_CATEGORIES).catch('indeterminate');

/**
 * Where each provisioned issue stands: POST /rest/api/3/search/jql as the user, on the record's
 * label (every item carries it, and labels need no app index), asking only for the status and
 * the `handoff` property (which item an issue is — issues a change added since the run too),
 * paged by nextPageToken up to `limits.statusPages` pages, so a refresh stays a few requests
 * however large the record. Jira's search trails its writes by a few seconds, so an issue the
 * run made a moment ago may be missing: it keeps the key the run recorded, with no status,
 * until the next look finds it. Nothing provisioned yet: no request at all.
 */
export async function issueStatuses(app: App, caller: Caller): Promise<IssueStatusesView> {
  const journal = await app.store.loadJournal(caller.projectKey);
  const outcome = journal?.state === 'done' ? journal.outcome : null;
  if (!journal || !outcome) return { recordId: null, items: {}, complete: true };
  const items: Record<string, IssueStatus> = Object.fromEntries(
    [...outcome.created, ...outcome.existing].map(({ itemId, key }) => [itemId, { key, status: null }]),
  );
  const { tracker, target } = await trackerFor(app, actorOf(caller));
  if (target === 'asana') return asanaStatuses(app, caller, tracker, journal.recordId, items);
  const client = createJiraClient(caller.jira);
  const send = createSender(caller.policy);
  const label = recordLabel(journal.recordId);
  const jql = `project = ${quote(caller.projectKey)} AND labels = ${quote(label)} ORDER BY key ASC`;
  let cursor: string | undefined;
  for (let page = 0; page < app.limits.statusPages; page += 1) {
    const body = {
      jql,
      fields: ['status'],
      properties: [HANDOFF_PROPERTY_KEY],
      maxResults: PAGE_SIZE,
      ...(cursor ? { nextPageToken: cursor } : {}),
    };
    const call = await send(() => client.send('POST', jiraPath`/rest/api/3/search/jql`, body), 'read');
    const found = client.read(searchPage, call, 'POST /rest/api/3/search/jql');
    for (const issue of found.issues) {
      const property = handoffProperty.safeParse(issue.properties?.[HANDOFF_PROPERTY_KEY]);
      const status = issue.fields?.status;
      // A label anyone may add does not make an issue the record's; its property does.
      if (!property.success || property.data.recordId !== journal.recordId || !status) continue;
      items[property.data.itemId] = {
        key: issue.key,
        status: { name: status.name, category: category.parse(status.statusCategory?.key) },
      };
    }
    cursor = found.isLast === true ? undefined : found.nextPageToken;
    if (!cursor) return { recordId: journal.recordId, items, complete: true };
  }
  return { recordId: journal.recordId, items, complete: false };
}

/**
 * In Asana a task is open or completed (no workflow statuses): the record's project is listed
 * directly (Asana's reads never lag), a page of 100 tasks a request, as the user.
 */
async function asanaStatuses(
  app: App,
  caller: Caller,
  tracker: Tracker,
  recordId: string,
  items: Record<string, IssueStatus>,
): Promise<IssueStatusesView> {
  let cursor: string | undefined;
  for (let page = 0; page < app.limits.statusPages; page += 1) {
    const found = await withRetry(() => tracker.searchItems(recordId, cursor), 'read', caller.policy);
    for (const item of found.items)
      items[item.itemId] = {
        key: item.key,
        status: item.state.done
          ? { name: 'Completed', category: 'done' }
          : { name: item.state.descoped ? 'Descoped' : 'Open', category: 'new' },
      };
    cursor = found.cursor;
    if (!cursor) return { recordId, items, complete: true };
  }
  return { recordId, items, complete: false };
}
