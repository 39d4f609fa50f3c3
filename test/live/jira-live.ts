import { z } from 'zod';
import { defaultRetryPolicy } from '../../src/provision/retry';
import { createJiraTracker } from '../../src/trackers/jira/jira-tracker';
import { basicAuthRequest } from '../../src/trackers/jira/jira-request';
import { seenInJira } from '../contract/jira-seen';
import type { TrackerHarness } from '../contract/tracker-contract';
import type { JiraLive } from './live-env';
import { jsonClient, liveTracker, notOnLive } from './live-tracker';

/**
 * The contract's harness on a real Jira site, in the throw-away project: the same tracker and
 * read-back as the local run; people are the token's account; closing deletes every issue
 * the run created (`DELETE /rest/api/3/issue/{key}?deleteSubtasks=true`), through plain fetch.
 */
export async function liveJiraHarness(settings: JiraLive, log: (line: string) => void): Promise<TrackerHarness> {
  const baseUrl = settings.JIRA_BASE_URL.replace(/\/+$/, '');
  const auth = `Basic ${Buffer.from(`${settings.JIRA_EMAIL}:${settings.JIRA_API_TOKEN}`).toString('base64')}`;
  const rest = jsonClient(baseUrl, auth);
  const me = z.object({ accountId: z.string() }).parse(await rest('GET', '/rest/api/3/myself'));
  const live = liveTracker(
    createJiraTracker({
      request: basicAuthRequest({ baseUrl, email: settings.JIRA_EMAIL, apiToken: settings.JIRA_API_TOKEN }),
      projectKey: settings.HANDOFF_LIVE_JIRA_PROJECT,
      siteUrl: baseUrl,
    }),
    me.accountId,
  );

  return {
    tracker: live.tracker,
    addPerson: async (email) => live.addPerson(email),
    seen: (recordId) => seenInJira(rest, recordId),
    setFaults: notOnLive('setFaults'),
    faultsInjected: notOnLive('faultsInjected'),
    trackerAs: notOnLive('trackerAs'),
    comments: notOnLive('comments'),
    markDone: notOnLive('markDone'),
    target: 'jira',
    // The local run's budgets (see jira.contract.test.ts): the adapter makes the same calls on a real site.
    budget: {
      fresh: (plan) => Math.ceil(plan.items.length / 50) + plan.items.reduce((n, i) => n + i.blocks.length, 0) + 3,
      rerun: () => 3,
    },
    // A real site's Retry-After must really be waited out.
    policy: { ...defaultRetryPolicy, maxAttempts: 10 },
    close: async () => {
      const keys = await live.created();
      for (const key of keys)
        await rest('DELETE', `/rest/api/3/issue/${encodeURIComponent(key)}?deleteSubtasks=true`, undefined, [404]);
      log(
        `live Jira: deleted ${keys.size} issues of ${live.recordIds().length} ` +
          `records in ${settings.HANDOFF_LIVE_JIRA_PROJECT}`,
      );
    },
  };
}
