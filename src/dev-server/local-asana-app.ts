import type { AppComponentsRegistration } from '../../emulators/asana/routes/app-components';
import {
  DEMO_WORKSPACE,
  LOCAL_ASANA_OAUTH_APP,
  LOCAL_ASANA_REFRESH_TOKEN,
  type LocalAsana,
} from '../../emulators/asana/index';
import { ASANA_APP_PATH } from '../asana-app/app';
import type { OpenAsana } from '../asana-app/provision-job';
import type { ApprovalSettings } from '../asana-app/webhooks/mount';
import { defaultRetryPolicy } from '../provision/retry';
import { createAsanaTracker, type AsanaTrackerOptions } from '../trackers/asana/asana-tracker';

/**
 * The Asana the local app server acts in: the local Asana, as its admin through the local
 * OAuth app (a refresh token, hourly access tokens — as a deployment with
 * ASANA_CLIENT_ID/SECRET/REFRESH_TOKEN would), new projects in the Delivery team unless the
 * rule or form names one. `asana` is read when a job runs: the local Asana starts after the
 * app server, whose URLs it registers.
 */
export function localAsanaTarget(asana: () => LocalAsana): OpenAsana {
  return async ({ workspace, team }) => {
    const local = asana();
    const where = `workspace ${workspace}`;
    return {
      tracker: createAsanaTracker(localAdmin(local, workspace, team)),
      site: local.url,
      where,
      close: async () => {},
      policy: defaultRetryPolicy,
      settings: { tracker: 'asana', url: local.url, account: 'the local admin', where },
    };
  };
}

/**
 * Approvals from the local Asana, with `approvalKey` (the HANDOFF_APPROVAL_KEY the CLI proposed
 * with): the local admin, in the demo workspace, applies what an approval owner completes.
 */
export function localApprovals(asana: () => LocalAsana, approvalKey: string): ApprovalSettings {
  return { approvalKey, asana: () => localAdmin(asana(), DEMO_WORKSPACE.gid) };
}

/** The local admin through the local OAuth app; new projects in `team`, else the Delivery team. */
function localAdmin(local: LocalAsana, workspace: string, team?: string): AsanaTrackerOptions {
  return {
    basePath: local.url,
    oauth: { ...LOCAL_ASANA_OAUTH_APP, refreshToken: LOCAL_ASANA_REFRESH_TOKEN },
    workspace,
    team: team ?? local.demoTeam(),
    tokenKind: 'oauth',
    appUrl: local.url.replace(/\/api\/1\.0$/, ''),
  };
}

/** What the local Asana's app registers for App Components: the app server's rule action and modal form. */
export function appComponentsAt(origin: string): AppComponentsRegistration {
  const base = `${origin}${ASANA_APP_PATH}`;
  return {
    ruleMetadataUrl: `${base}/rule/metadata`,
    runActionUrl: `${base}/rule/run_action`,
    formMetadataUrl: `${base}/form/metadata`,
  };
}
