import { z } from 'zod';
import type { SeenItem } from './tracker-contract';

/** One JSON request to a Jira site's REST API, as the test's own client (not the adapter). */
export type JiraRest = (method: string, path: string, body?: unknown) => Promise<unknown>;

const seenIssues = z.object({
  issues: z.array(
    z.object({
      key: z.string(),
      properties: z.object({ handoff: z.object({ itemId: z.string() }).optional() }),
      fields: z.object({
        assignee: z.object({ accountId: z.string() }).nullable().optional(),
        duedate: z.string().nullable().optional(),
        parent: z.object({ key: z.string() }).optional(),
        labels: z.array(z.string()).default([]),
        issuelinks: z
          .array(
            z.object({ type: z.object({ name: z.string() }), outwardIssue: z.object({ key: z.string() }).optional() }),
          )
          .optional(),
      }),
    }),
  ),
  nextPageToken: z.string().optional(),
});

/**
 * Every issue of a record, read back through Jira's own search, independently of the adapter;
 * shared by the local and the live contract runs.
 */
export async function seenInJira(rest: JiraRest, recordId: string): Promise<SeenItem[]> {
  const seen: SeenItem[] = [];
  let nextPageToken: string | undefined;
  do {
    const page = seenIssues.parse(
      await rest('POST', '/rest/api/3/search/jql', {
        jql: `labels = "handoff-${recordId}"`,
        fields: ['assignee', 'duedate', 'parent', 'issuelinks', 'labels'],
        properties: ['handoff'],
        maxResults: 100,
        nextPageToken,
      }),
    );
    for (const issue of page.issues) {
      // The label is the record's, the property the item's: change requests carry only the label.
      const itemId = issue.properties.handoff?.itemId;
      if (!itemId) continue;
      seen.push({
        key: issue.key,
        itemId,
        assignee: issue.fields.assignee?.accountId ?? null,
        due: issue.fields.duedate ?? null,
        parentKey: issue.fields.parent?.key ?? null,
        blocks: (issue.fields.issuelinks ?? [])
          .filter((l) => l.type.name === 'Blocks' && l.outwardIssue)
          .map((l) => l.outwardIssue?.key ?? ''),
        descoped: issue.fields.labels.includes('descoped'),
      });
    }
    nextPageToken = page.nextPageToken;
  } while (nextPageToken);
  return seen;
}
