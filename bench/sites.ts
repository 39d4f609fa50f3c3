import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCAL_ADMIN, DEMO_PROJECT_KEY, startLocalJira } from '../emulators/jira/index';
import { DEMO_TEAM, DEMO_WORKSPACE, LOCAL_ASANA_OAUTH_TOKEN, startLocalAsana } from '../emulators/asana/index';
import { createJiraTracker } from '../src/trackers/jira/jira-tracker';
import { basicAuthRequest } from '../src/trackers/jira/jira-request';
import { createAsanaTracker } from '../src/trackers/asana/asana-tracker';
import type { Tracker } from '../src/provision/change-tracker';

/** Conditions of a benchmark run: what a real site answers like. */
export type Conditions = { latencyMs: number; realLimits: boolean };

/** A fresh local site with its tracker for the engine, and what a naive script needs to talk to it. */
export type BenchSite = {
  tracker: Tracker;
  url: string;
  authorization: string;
  /** Jira project key or Asana workspace gid. */
  container: string;
  close(): Promise<void>;
};

const fresh = (name: string) => ({ dataDir: mkdtempSync(join(tmpdir(), `handoff-bench-${name}-`)), fresh: true });

/**
 * Jira Cloud's limits are cost-based per hour with short bursts; the local Jira models the
 * burst: 100 requests a second, writes costing 1 like reads.
 */
export async function jiraSite(conditions: Conditions): Promise<BenchSite> {
  const faults = {
    latencyMs: conditions.latencyMs,
    rateLimit: conditions.realLimits ? { budget: 100, windowMs: 1000 } : null,
  };
  const jira = await startLocalJira({ ...fresh('jira'), faults });
  const request = basicAuthRequest({ baseUrl: jira.url, email: LOCAL_ADMIN.email, apiToken: LOCAL_ADMIN.apiToken });
  return {
    tracker: createJiraTracker({ request, projectKey: DEMO_PROJECT_KEY, siteUrl: jira.url }),
    url: jira.url,
    authorization: `Basic ${Buffer.from(`${LOCAL_ADMIN.email}:${LOCAL_ADMIN.apiToken}`).toString('base64')}`,
    container: DEMO_PROJECT_KEY,
    close: () => jira.close(),
  };
}

/** Asana's paid-plan limit: 1,500 requests a minute. */
export async function asanaSite(conditions: Conditions): Promise<BenchSite> {
  const faults = { latencyMs: conditions.latencyMs, rateLimitPreset: conditions.realLimits ? ('paid' as const) : null };
  const asana = await startLocalAsana({ ...fresh('asana'), faults });
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
    close: () => asana.close(),
  };
}
