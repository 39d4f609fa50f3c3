import { createAsanaWebhooks, COMPLETIONS } from '../../trackers/asana/asana-webhooks';
import { ASANA_API } from '../../trackers/asana/asana-tracker';
import type { App } from '../deps';
import type { AsanaConnection } from './asana-access';
import { logFailure } from '../errors';
import { kvsHookSecrets } from './hook-secrets';

/** Whether completing the request's task in Asana applies it at once, and if not, why. */
export type ApprovalWatch = { atOnce: true } | { atOnce: false; why: string };

/**
 * Asks Asana to tell the app when a change request's task is completed, so that its approval
 * owner's completion applies it at once (asana-webhook-trigger.ts) rather than at the daily check.
 * The webhook is made with the app's background grant, not the proposer's: it must outlive their
 * connection, and the apply it leads to runs as the app anyway. One webhook a request, on its task,
 * filtered to completions: Asana sends nothing about the project's other edits.
 *
 * Asana makes the X-Hook-Secret handshake while `POST /webhooks` is in flight, so the id in the
 * target is announced to the app's storage first: the trigger answers that handshake and no other.
 * Never throws: a request that cannot be watched is still proposed, and applied from the page or
 * by the daily check.
 */
export async function watchChangeRequest(app: App, projectKey: string, taskGid: string): Promise<ApprovalWatch> {
  const connection = app.asanaAsApp();
  if (!connection) return { atOnce: false, why: "the app has no Asana grant of its own (README, 'Who acts in Asana')" };
  try {
    const url = await app.asanaWebhookUrl();
    if (!url) return { atOnce: false, why: 'Asana cannot reach this installation of the app' };
    const id = app.newId();
    const hooks = kvsHookSecrets(app.kvs, app.now);
    await hooks.expect(id, projectKey);
    const target = new URL(url);
    target.searchParams.set('hook', id);
    const webhook = await webhooksOf(connection).create(taskGid, target.toString(), COMPLETIONS);
    await hooks.watching(projectKey, taskGid, id, webhook);
    return { atOnce: true };
  } catch (error) {
    logFailure(`watching change request ${taskGid} of ${projectKey} in Asana`, error, app.secrets, app.log);
    return { atOnce: false, why: 'Asana did not take the webhook (the app log says why)' };
  }
}

/**
 * The request was decided (applied or rejected): its webhook is deleted in Asana and forgotten
 * here, so a decided task keeps no delivery target. Never throws: a webhook left behind only
 * delivers completions the trigger finds settled, and the next decision tries again.
 */
export async function unwatchChangeRequest(app: App, projectKey: string, taskGid: string): Promise<void> {
  const hooks = kvsHookSecrets(app.kvs, app.now);
  const watch = await hooks.watchOf(projectKey, taskGid);
  const connection = app.asanaAsApp();
  if (!watch || !connection) return;
  try {
    await webhooksOf(connection).remove(watch.webhook);
    await hooks.forget(projectKey, taskGid, watch.hook);
  } catch (error) {
    logFailure(
      `deleting the webhook of change request ${taskGid} of ${projectKey} in Asana`,
      error,
      app.secrets,
      app.log,
    );
  }
}

const webhooksOf = (connection: AsanaConnection) =>
  createAsanaWebhooks({ ...connection, basePath: connection.basePath ?? ASANA_API });
