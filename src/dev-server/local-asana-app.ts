import type { AppComponentsRegistration } from '../../emulators/asana/routes/app-components';
import { LOCAL_ASANA_OAUTH_APP, LOCAL_ASANA_REFRESH_TOKEN, type LocalAsana } from '../../emulators/asana/index';
import { ASANA_APP_PATH } from '../asana-app/app';
import type { OpenAsana } from '../asana-app/provision-job';
import { defaultRetryPolicy } from '../provision/retry';
import { createAsanaTracker } from '../trackers/asana/asana-tracker';

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
      tracker: createAsanaTracker({
        basePath: local.url,
        oauth: { ...LOCAL_ASANA_OAUTH_APP, refreshToken: LOCAL_ASANA_REFRESH_TOKEN },
        workspace,
        team: team ?? local.demoTeam(),
        tokenKind: 'oauth',
        appUrl: local.url.replace(/\/api\/1\.0$/, ''),
      }),
      site: local.url,
      where,
      close: async () => {},
      policy: defaultRetryPolicy,
      settings: { tracker: 'asana', url: local.url, account: 'the local admin', where },
    };
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
