import pLimit from 'p-limit';
import { z } from 'zod';
import { pickedEmail, type FoundPerson } from '../../domain/record/picked-person';
import { createSender, type RetryPolicy } from '../../provision/retry';
import { createJiraClient } from '../../trackers/jira/jira-client';
import { jiraPath } from '../../trackers/jira/jira-path';
import type { JiraRequest } from '../../trackers/jira/jira-request';

/** At most this many people per search: a picker's menu, not a directory dump. */
export const SEARCH_LIMIT = 10;
/** Lookups in flight at once when naming a record's people: a handful, far inside Jira's rate limit. */
const LOOKUP_CONCURRENCY = 6;

const users = z.array(
  z.object({
    accountId: z.string(),
    accountType: z.string().optional(),
    emailAddress: z.string().optional(),
    displayName: z.string().optional(),
    active: z.boolean().optional(),
    avatarUrls: z.record(z.string(), z.string()).optional(),
  }),
);

/**
 * GET /rest/api/3/user/search?query= as the person using the page: active people (not apps)
 * whose name or e-mail starts with `query`. Jira leaves `emailAddress` out for anyone whose
 * profile hides it, but still matches their exact address (render-user.ts in the local Jira).
 */
export async function searchJiraPeople(request: JiraRequest, query: string, policy: RetryPolicy) {
  const client = createJiraClient(request);
  const send = createSender(policy);
  const call = await send(
    () => client.send('GET', jiraPath`/rest/api/3/user/search?query=${query}&maxResults=${SEARCH_LIMIT}`),
    'read',
  );
  return client
    .read(users, call, 'GET /rest/api/3/user/search')
    .filter((u) => u.active !== false && u.accountType !== 'app')
    .slice(0, SEARCH_LIMIT)
    .map((u): FoundPerson => ({
      accountId: u.accountId,
      displayName: u.displayName ?? u.accountId,
      // 48 px, drawn at 24–32: sharp on high-density screens.
      avatarUrl: u.avatarUrls?.['48x48'] ?? u.avatarUrls?.['24x24'] ?? null,
      email: u.emailAddress ?? null,
    }));
}

/**
 * Who each e-mail of a record is, by one search per address: the person a pick from that very
 * search would store as this e-mail (picked-person.ts), else null (nobody, or nobody certain).
 */
export async function namePeople(
  request: JiraRequest,
  emails: readonly string[],
  policy: RetryPolicy,
): Promise<Record<string, FoundPerson | null>> {
  const limit = pLimit(LOOKUP_CONCURRENCY);
  const answers = await Promise.all(
    emails.map((email) =>
      limit(async () => {
        const found = await searchJiraPeople(request, email, policy);
        const search = { query: email, found };
        const person = found.find((p) => {
          const picked = pickedEmail(p, search);
          return picked.kind === 'email' && picked.email === email.toLowerCase();
        });
        return [email, person ?? null] as const;
      }),
    ),
  );
  return Object.fromEntries(answers);
}
