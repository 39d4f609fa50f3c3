import { defaultRetryPolicy } from '../../provision/retry';
import { createAsanaTracker, type AsanaTrackerOptions } from '../../trackers/asana/asana-tracker';
import { signedSeals } from '../../usecases/change/signed-seals';
import { fileHookSecrets } from './hook-secrets';
import { createJobQueue } from './job-queue';
import type { WebhookDeps } from './routes';

/**
 * What the webhook routes need, from the app server's settings — so mounting them is one line:
 * `app.route('/asana-app', createWebhookRoutes(webhookDeps({ … })))`.
 *
 * - `asana`: the background account (the admin's token, or the OAuth app and its refresh
 *   token), which reads change requests, comments and applies: no user is behind a webhook.
 *   Read when a delivery is worked on: locally, the Asana starts after the app server.
 * - `approvalKey`: HANDOFF_APPROVAL_KEY, which sealed the change requests when proposed.
 * - `dataDir`: HANDOFF_ASANA_APP_DATA, shared with `handoff asana-app watch` (the secrets).
 */
export function webhookDeps(settings: {
  asana: () => AsanaTrackerOptions;
  approvalKey: string;
  dataDir: string;
  log: (line: string) => void;
}): WebhookDeps {
  return {
    secrets: fileHookSecrets(settings.dataDir),
    tracker: () => createAsanaTracker(settings.asana()),
    options: () => ({
      policy: defaultRetryPolicy,
      now: () => new Date().toISOString(),
      seals: signedSeals(settings.approvalKey),
      // The server's day in UTC: dates of new items are planned from it, as `--today` would.
      today: new Date().toISOString().slice(0, 10),
    }),
    queue: createJobQueue((error) =>
      settings.log(`asana-app: a change request could not be applied: ${String(error)}`),
    ),
    onOutcome: (o) => settings.log(`asana-app: ${o.key} ${o.kind}${'reason' in o ? `: ${o.reason}` : ''}`),
  };
}
