import { Hono } from 'hono';
import { z } from 'zod';
import type { ChangeTracker } from '../../provision/change-tracker';
import type { ChangeOptions } from '../../usecases/change/propose';
import { approveOnCompletion, type ApprovalOutcome } from './approvals';
import type { HookSecrets } from './hook-secrets';
import type { JobQueue } from './job-queue';
import { signedBy } from '../../trackers/asana/asana-hook-signature';

/** Asana's compact event: who changed which field of which object — never the new value. */
const event = z
  .object({
    action: z.string(),
    created_at: z.string().optional(),
    resource: z.object({ gid: z.string(), resource_type: z.string() }).loose(),
    user: z.object({ gid: z.string() }).loose().nullable().optional(),
    change: z.object({ field: z.string() }).loose().optional(),
  })
  .loose();
const delivery = z.object({ events: z.array(event) });

/** Deliveries remembered to drop exact repeats (Asana sends a batch again when our answer was lost). */
const REMEMBERED = 1000;

export type WebhookDeps = {
  secrets: HookSecrets;
  /** Change control as the app's background account (the admin's token): reads, comments, applies. */
  tracker: () => ChangeTracker;
  /** Where change requests were sealed when proposed: the same seals `handoff change` uses. */
  options: () => ChangeOptions & { today: string };
  queue: JobQueue;
  /** Told what each completion came to (the app server logs it). */
  onOutcome?: (outcome: ApprovalOutcome) => void;
};

/**
 * `POST /webhooks/:id` — the target of every webhook Handoff registers (`watch.ts`).
 *
 * - The handshake (`X-Hook-Secret`, no body): echoed with 200 only when a registration awaits
 *   this id; the secret is kept for it. Anything else is 403 and nothing is kept.
 * - A delivery: `X-Hook-Signature` must be the HMAC-SHA256 of the raw body under that secret
 *   (constant-time compare), else 401 and nothing happens. Then 200 at once, the work queued:
 *   every task whose `completed` changed is judged and, when its approval owner completed a
 *   change request, applied (`approvals.ts`). Events repeated or out of order are harmless.
 */
export function createWebhookRoutes(deps: WebhookDeps): Hono {
  const routes = new Hono();
  const seen = new Set<string>();
  routes.post('/webhooks/:id', async (c) => {
    const id = c.req.param('id');
    const handshake = c.req.header('x-hook-secret');
    if (handshake !== undefined) {
      if (!deps.secrets.accept(id, handshake)) return c.text('no webhook registration awaits this handshake', 403);
      return c.body(null, 200, { 'X-Hook-Secret': handshake });
    }
    const secret = deps.secrets.secretOf(id);
    const raw = await c.req.text();
    if (!secret || !signedBy(secret, raw, c.req.header('x-hook-signature')))
      return c.text('X-Hook-Signature does not sign this body with the secret of this webhook', 401);
    const parsed = delivery.safeParse(safeJson(raw));
    if (!parsed.success) return c.text('the body is not a webhook delivery ({"events": [...]})', 400);
    // A heartbeat is an empty delivery: answered, nothing to do.
    const completed = parsed.data.events.filter(
      (e) => e.resource.resource_type === 'task' && e.action === 'changed' && e.change?.field === 'completed',
    );
    for (const e of completed) {
      const said = `${id} ${e.resource.gid} ${e.created_at ?? ''} ${e.user?.gid ?? ''}`;
      if (seen.has(said)) continue;
      seen.add(said);
      if (seen.size > REMEMBERED) seen.delete(seen.values().next().value ?? said);
      deps.queue.push(async () => {
        const outcome = await approveOnCompletion(deps.tracker(), e.resource.gid, deps.options());
        deps.onOutcome?.(outcome);
      });
    }
    return c.body(null, 200);
  });
  return routes;
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
