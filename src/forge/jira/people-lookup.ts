import { z } from 'zod';
import type { Tracker } from '../../provision/change-tracker';
import { createJiraClient } from '../../trackers/jira/jira-client';
import { jiraPath } from '../../trackers/jira/jira-path';
import type { JiraRequest } from '../../trackers/jira/jira-request';
import type { PeopleLookup } from '../../usecases/signers';

const user = z.object({ accountId: z.string(), displayName: z.string().optional() });

/**
 * The caller's Jira as a people lookup: `/myself` and the assignable-user search come from the
 * tracker (each answered once per invocation), a name from GET /rest/api/3/user?accountId=,
 * asked once per person.
 */
export function jiraPeopleLookup(tracker: Tracker, request: JiraRequest): PeopleLookup {
  const client = createJiraClient(request);
  const names = new Map<string, Promise<string | null>>();
  const nameOf = async (account: string) => {
    const call = await client.send('GET', jiraPath`/rest/api/3/user?accountId=${account}`, undefined, [200, 404]);
    // Someone removed from the site since: no name to give, which the refusal then does without.
    return call.status === 404 ? null : (client.read(user, call, 'GET /rest/api/3/user').displayName ?? null);
  };
  return {
    trackerName: tracker.name,
    me: () => tracker.currentAccount(),
    accountOf: (email) => tracker.findPerson(email),
    nameOf(account) {
      const known = names.get(account) ?? nameOf(account);
      names.set(account, known);
      return known;
    },
  };
}
