import { randomBytes } from 'node:crypto';
import { COMPLETIONS, type AsanaWebhookFilter } from '../../trackers/asana/asana-webhooks';
import type { HookSecrets } from './hook-secrets';

/**
 * Watches a record's Asana project for completed tasks: a new id in the target URL, announced
 * to the secrets first (so the app server accepts that handshake and no other), then
 * `POST /webhooks` on the project, which returns once the app server echoed the secret.
 * `appUrl` is where the app server's webhook routes are reached from Asana
 * (`https://handoff.example.com/asana-app`, locally `http://127.0.0.1:8790/asana-app`).
 */
export async function watchProject(
  webhooks: { create(resource: string, target: string, filters: readonly AsanaWebhookFilter[]): Promise<string> },
  secrets: HookSecrets,
  project: string,
  appUrl: string,
): Promise<{ webhook: string; target: string }> {
  const id = randomBytes(16).toString('hex');
  const target = `${appUrl.replace(/\/+$/, '')}/webhooks/${id}`;
  secrets.expect(id, project);
  return { webhook: await webhooks.create(project, target, COMPLETIONS), target };
}
