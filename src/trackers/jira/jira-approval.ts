import { z } from 'zod';
import type { Approval } from '../../provision/change-types';
import type { createJiraClient } from './jira-client';
import { jiraPath } from './jira-path';

type Client = ReturnType<typeof createJiraClient>;
type Status = { id: string; name: string; statusCategory?: { key: string } | undefined };

const changelogPage = z.object({
  total: z.number().optional(),
  isLast: z.boolean().optional(),
  values: z.array(
    z.object({
      author: z.object({ accountId: z.string(), displayName: z.string().optional() }).optional(),
      created: z.string(),
      items: z.array(
        z.object({
          field: z.string().optional(),
          fieldId: z.string().optional(),
          to: z.string().nullable().optional(),
        }),
      ),
    }),
  ),
});

const PAGE = 100;

/** A change request counts as approved once its status is done (or is called "Approved", whatever its category). */
export function isApprovedStatus(status: Status | undefined): boolean {
  return status?.statusCategory?.key === 'done' || status?.name.toLowerCase() === 'approved';
}

/**
 * Who approved: the author of the last changelog entry that moved the issue into the status it
 * is in now. GET /rest/api/3/issue/{key}/changelog — one request, two when the history is
 * longer than a page (the last page is the one that matters).
 */
export async function approvalOf(client: Client, key: string, status: Status | undefined): Promise<Approval> {
  if (!status || !isApprovedStatus(status)) return { approved: false, by: null, at: null };
  const read = async (startAt: number) =>
    client.read(
      changelogPage,
      await client.send('GET', jiraPath`/rest/api/3/issue/${key}/changelog?startAt=${startAt}&maxResults=${PAGE}`),
      'GET /rest/api/3/issue/{key}/changelog',
    );
  let page = await read(0);
  if (page.isLast === false && page.total !== undefined && page.total > PAGE) page = await read(page.total - PAGE);
  const entry = page.values
    .filter((v) => v.items.some((i) => (i.fieldId ?? i.field) === 'status' && i.to === status.id))
    .at(-1);
  const by = entry?.author
    ? { account: entry.author.accountId, name: entry.author.displayName ?? entry.author.accountId }
    : null;
  return { approved: true, by, at: entry?.created ?? null };
}
