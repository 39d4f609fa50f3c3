import { z } from 'zod';
import { LOCAL_ADMIN, type LocalJira } from '../../emulators/jira/index';
import { caughtUp } from '../support/caught-up';

const page = z.object({
  issues: z.array(
    z.object({
      key: z.string(),
      properties: z.object({ handoff: z.object({ itemId: z.string() }).optional() }),
      fields: z.object({
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

/** What the site holds for a record, read through Jira's own search: item ids (with repeats) and Blocks links. */
export async function heldFor(jira: LocalJira, recordId: string): Promise<{ itemIds: string[]; links: number }> {
  const authorization = `Basic ${Buffer.from(`${LOCAL_ADMIN.email}:${LOCAL_ADMIN.apiToken}`).toString('base64')}`;
  const itemIds: string[] = [];
  let links = 0;
  let nextPageToken: string | undefined;
  do {
    // By the label (no app index needed), once the index has caught up: the test must not lag.
    const response = await caughtUp(jira, () =>
      fetch(`${jira.url}/rest/api/3/search/jql`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({
          jql: `labels = "handoff-${recordId}"`,
          fields: ['issuelinks'],
          properties: ['handoff'],
          maxResults: 100,
          nextPageToken,
        }),
      }),
    );
    const body = page.parse(await response.json());
    for (const issue of body.issues) {
      const itemId = issue.properties.handoff?.itemId;
      if (!itemId) continue;
      itemIds.push(itemId);
      links += (issue.fields.issuelinks ?? []).filter((l) => l.type.name === 'Blocks' && l.outwardIssue).length;
    }
    nextPageToken = body.nextPageToken;
  } while (nextPageToken);
  return { itemIds, links };
}
