import { LOCAL_ADMIN, DEMO_PROJECT_KEY, startLocalJira, type StatsSnapshot } from '../emulators/jira/index';
import {
  DEMO_TEAM,
  DEMO_WORKSPACE,
  LOCAL_ASANA_OAUTH_TOKEN,
  LOCAL_ASANA_PAT,
  startLocalAsana,
} from '../emulators/asana/index';
import { createJiraTracker } from '../src/trackers/jira/jira-tracker';
import { basicAuthRequest } from '../src/trackers/jira/jira-request';
import { createAsanaTracker } from '../src/trackers/asana/asana-tracker';
import type { Tracker } from '../src/provision/change-tracker';
import type { Plan } from '../src/domain/plan/plan';
import {
  rateLimitOf,
  faultSettings as asanaFaults,
  type FaultSettings as AsanaFaults,
} from '../emulators/asana/faults';
import { faultSettings as jiraFaults, type FaultSettings as JiraFaults } from '../emulators/jira/fault-settings';
import { countItems, type ItemCount } from './exactly-one';
import type { SiteLimits } from './bounds';

/**
 * Conditions of a benchmark run: what a real site answers like. The local services' own limits
 * are the real ones by default (Jira: burst per endpoint, per-issue writes, search lag; Asana:
 * 15 writes and 50 reads in flight), so a site only adds latency, Asana's paid-plan quota and,
 * for Jira, whether the Forge app's property index is there.
 */
export type Conditions = { latencyMs: number; appIndex?: boolean };

/** A fresh local site with its tracker for the engine, and what a script needs to talk to it. */
export type BenchSite = {
  tracker: Tracker;
  url: string;
  authorization: string;
  /** Jira project key or Asana workspace gid. */
  container: string;
  /** The limits it enforces, for the time bound. */
  limits: SiteLimits;
  /** What the local service saw: requests by method and route, and by status. */
  stats(): StatsSnapshot;
  /** How many issues or tasks each item of `plan` has on the site, read through the API as a person would. */
  count(plan: Plan): Promise<ItemCount>;
  close(): Promise<void>;
};

/** A site's limits as it enforces them: by default the documented ones. */
export const jiraLimits = (settings: JiraFaults = jiraFaults.parse({})): SiteLimits => ({
  tracker: 'jira',
  postsPerSecond: settings.burstLimits?.POST ?? Infinity,
  perIssue: settings.perIssueWrites ?? [],
});

export const asanaLimits = (settings: AsanaFaults = asanaFaults.parse({ rateLimitPreset: 'paid' })): SiteLimits => {
  const quota = rateLimitOf(settings);
  return {
    tracker: 'asana',
    budget: quota?.budget ?? Infinity,
    windowMs: quota?.windowMs ?? 60_000,
    writesInFlight: settings.inFlightLimit?.writes ?? Infinity,
  };
};

/**
 * A site from its seed, its state in memory: a local service that rewrote its whole state file on
 * every write (megabytes at N = 1,000) spent the benchmark's CPU on what no real service puts on
 * its client, and paced the rows (bench/findings.md).
 */
const fresh = { fresh: true, persist: false } as const;

export async function jiraSite(conditions: Conditions): Promise<BenchSite> {
  const jira = await startLocalJira({
    ...fresh,
    appInstalled: conditions.appIndex ?? false,
    faults: { latencyMs: conditions.latencyMs },
  });
  const request = basicAuthRequest({ baseUrl: jira.url, email: LOCAL_ADMIN.email, apiToken: LOCAL_ADMIN.apiToken });
  const authorization = `Basic ${Buffer.from(`${LOCAL_ADMIN.email}:${LOCAL_ADMIN.apiToken}`).toString('base64')}`;
  return {
    tracker: createJiraTracker({ request, projectKey: DEMO_PROJECT_KEY, siteUrl: jira.url }),
    url: jira.url,
    authorization,
    container: DEMO_PROJECT_KEY,
    limits: jiraLimits(jira.faults.settings),
    stats: () => jira.stats(),
    count: (plan) =>
      countItems('jira', plan, { url: jira.url, authorization, searchLagMs: jira.faults.settings.searchLagMs }),
    close: () => jira.close(),
  };
}

/** Asana's paid-plan limit: 1,500 requests a minute, each batch action counted. */
export async function asanaSite(conditions: Conditions): Promise<BenchSite> {
  const asana = await startLocalAsana({
    ...fresh,
    faults: { latencyMs: conditions.latencyMs, rateLimitPreset: 'paid' },
  });
  return {
    tracker: createAsanaTracker({
      basePath: asana.url,
      token: LOCAL_ASANA_OAUTH_TOKEN,
      workspace: DEMO_WORKSPACE.gid,
      team: DEMO_TEAM.gid,
      tokenKind: 'oauth',
    }),
    url: asana.url,
    authorization: `Bearer ${LOCAL_ASANA_OAUTH_TOKEN}`,
    container: DEMO_WORKSPACE.gid,
    limits: asanaLimits(asana.faults.settings),
    stats: () => asana.stats(),
    // Counted with another token: Asana's limits are per token, so the count spends none of the run's.
    count: (plan) => countItems('asana', plan, { url: asana.url, authorization: `Bearer ${LOCAL_ASANA_PAT}` }),
    close: () => asana.close(),
  };
}
