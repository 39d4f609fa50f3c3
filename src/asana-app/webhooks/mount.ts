import { Hono } from 'hono';
import type { AsanaTrackerOptions } from '../../trackers/asana/asana-tracker';
import { webhookDeps } from './deps';
import { createWebhookRoutes } from './routes';

/** Approvals from Asana: the key that sealed the change requests, and the account that applies them. */
export type ApprovalSettings = { approvalKey: string; asana: () => AsanaTrackerOptions };

/** Said once at start-up, and to whoever reaches the webhook path, when approvals are off. */
export const APPROVALS_OFF =
  'approvals from Asana are off: HANDOFF_APPROVAL_KEY (the key change requests are sealed with) is not set, ' +
  'so a change request completed in Asana is not applied; set it and restart (`handoff change apply` works meanwhile)';

/**
 * The app server's `/webhooks/:id`: with the approval key, the receiver (`routes.ts`) that
 * applies a change request its approval owner completes; without it, a 503 saying why — Asana
 * resends an unsuccessful delivery for up to 24 hours (developers.asana.com/docs/webhooks-guide),
 * so restarting with the key picks the deliveries up again. `idle`: every queued approval has run.
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
  routes.post('/webhooks/:id', (c) => c.text(`On this Handoff app server, ${APPROVALS_OFF}.`, 503));
  return { routes, idle: async () => {} };
}
