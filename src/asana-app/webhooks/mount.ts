import { Hono } from 'hono';
import type { AsanaTrackerOptions } from '../../trackers/asana/asana-tracker';
import { webhookDeps } from './deps';
import { createWebhookRoutes } from './routes';

/** Approvals from Asana: the key that sealed the change requests, and the account that applies them. */
export type ApprovalSettings = { approvalKey: string; asana: () => AsanaTrackerOptions };

/** Said once at start-up, and to whoever reaches the webhook path, when approvals are off. */
export const APPROVALS_OFF =
  'approvals from Asana are off: HANDOFF_APPROVAL_KEY is not set, and without the key change requests were ' +
  'sealed with none can be checked, so a change request completed in Asana is not applied ' +
  '(set it and restart the app server; `handoff change apply` works meanwhile)';

/**
 * The app server's `/webhooks/:id`: with the approval key, the receiver (`routes.ts`) that
 * applies a change request its approval owner completes; without it, a 503 saying why — Asana
 * keeps retrying a 503 for a day (a 410 would delete the webhook), so restarting with the key
 * picks the deliveries up again. `idle` resolves when every queued approval has run.
 */
export function approvalRoutes(
  settings: ApprovalSettings | undefined,
  shared: { dataDir: string; log: (line: string) => void },
): { routes: Hono; idle: () => Promise<void> } {
  if (settings) {
    const deps = webhookDeps({ ...settings, ...shared });
    return { routes: createWebhookRoutes(deps), idle: deps.queue.idle };
  }
  shared.log(`asana-app: ${APPROVALS_OFF}`);
  const routes = new Hono();
  routes.post('/webhooks/:id', (c) => c.text(`Handoff's Asana app server: ${APPROVALS_OFF}.`, 503));
  return { routes, idle: async () => {} };
}
