import { DEMO_PROJECT_KEY, LOCAL_ADMIN, LOCAL_CLOUD_ID, startLocalJira } from '../../../emulators/jira/index';
import {
  DEMO_TEAM,
  DEMO_WORKSPACE,
  LOCAL_ASANA_OAUTH_APP,
  LOCAL_ASANA_PAT,
  LOCAL_ASANA_REFRESH_TOKEN,
  startLocalAsana,
} from '../../../emulators/asana/index';
import { faultsOf, type EmulateOptions } from './options';

/** A started emulator: what to tell the person who started it, and how to stop it. */
export type RunningEmulator = { banner: string[]; close(): Promise<void> };

const dataOf = (opts: EmulateOptions) => (opts.data ? { dataDir: opts.data } : {});

export async function startJira(opts: EmulateOptions): Promise<RunningEmulator> {
  const jira = await startLocalJira({
    port: opts.port ?? 8788,
    ...dataOf(opts),
    fresh: Boolean(opts.fresh),
    appInstalled: Boolean(opts.appInstalled),
    faults: { ...faultsOf(opts), ...(opts.searchLag === undefined ? {} : { searchLagMs: opts.searchLag }) },
  });
  return {
    banner: [
      `local Jira Cloud at ${jira.url} (data: ${jira.dataDir})`,
      `  project ${DEMO_PROJECT_KEY}; browse issues at ${jira.url}/browse/${DEMO_PROJECT_KEY}-1`,
      `  JIRA_BASE_URL=${jira.url} JIRA_EMAIL=${LOCAL_ADMIN.email} JIRA_API_TOKEN=${LOCAL_ADMIN.apiToken}`,
      `  as a scoped token would, through the gateway: JIRA_API_BASE_URL=${jira.url}/ex/jira/${LOCAL_CLOUD_ID}`,
      `  ${opts.appInstalled ? 'with' : 'without'} the Handoff Forge app (--app-installed): ` +
        `issue.property[handoff] ${opts.appInstalled ? 'is' : 'is not'} searchable by JQL`,
    ],
    close: () => jira.close(),
  };
}

export async function startAsana(opts: EmulateOptions): Promise<RunningEmulator> {
  const faults = { ...faultsOf(opts), rateLimitPreset: opts.rateLimitPreset ?? null };
  const asana = await startLocalAsana({
    port: opts.port ?? 8789,
    ...dataOf(opts),
    fresh: Boolean(opts.fresh),
    faults,
    demoWorkspace: opts.plainWorkspace ? 'workspace' : 'organization',
  });
  const team = asana.demoTeam();
  return {
    banner: [
      `local Asana at ${asana.url} (data: ${asana.dataDir})`,
      `  ${team ? 'organization' : 'workspace'} "${DEMO_WORKSPACE.name}" ${DEMO_WORKSPACE.gid}` +
        (team ? `, team "${DEMO_TEAM.name}" ${team}` : ''),
      `  ASANA_BASE_URL=${asana.url} ASANA_WORKSPACE=${DEMO_WORKSPACE.gid} ${team ? `ASANA_TEAM=${team} ` : ''}` +
        `ASANA_TOKEN=${LOCAL_ASANA_PAT}   (personal access token)`,
      `  or ASANA_CLIENT_ID=${LOCAL_ASANA_OAUTH_APP.clientId} ` +
        `ASANA_CLIENT_SECRET=${LOCAL_ASANA_OAUTH_APP.clientSecret} ASANA_REFRESH_TOKEN=${LOCAL_ASANA_REFRESH_TOKEN}` +
        `   (OAuth app: sees external data, renews its hourly tokens)`,
    ],
    close: () => asana.close(),
  };
}
