import { z } from 'zod';
import { signedBy } from '../../trackers/asana/asana-hook-signature';
import { appOf, type ForgeDeps } from '../deps';
import { logFailure } from '../errors';
import { applyApprovedChanges } from '../triggers/daily-changes';
import { kvsHookSecrets } from './hook-secrets';

/** What Forge hands a web trigger: headers by name, each with its values; the raw body; the query. */
export type WebTriggerRequest = {
  headers?: Record<string, readonly string[] | undefined>;
  body?: string;
  queryParameters?: Record<string, readonly string[] | undefined>;
};
export type WebTriggerResponse = { statusCode: number; headers?: Record<string, string[]>; body?: string };

const events = z.object({
  events: z.array(
    z
      .object({
        action: z.string(),
        resource: z.object({ resource_type: z.string() }).loose(),
        change: z.object({ field: z.string() }).loose().optional(),
      })
      .loose(),
  ),
});

/**
 * Asana's webhooks for the change requests of records the page provisioned in Asana: the
 * `X-Hook-Secret` handshake (answered only for a registration the app announced), then signed
 * deliveries (`X-Hook-Signature`, HMAC-SHA256 of the raw body under that secret). A task's
 * completion makes the app look at the project's change requests at once, as the daily check
 * does: one the approval owner completed is applied in the queue; anyone else's is left alone.
 */
export function createAsanaWebhookTrigger(deps: ForgeDeps) {
  const app = appOf(deps);
  const secrets = kvsHookSecrets(app.kvs, app.now);
  return async (request: WebTriggerRequest): Promise<WebTriggerResponse> => {
    const header = (name: string) =>
      Object.entries(request.headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1]?.[0];
    const id = request.queryParameters?.hook?.[0] ?? '';
    const handshake = header('x-hook-secret');
    if (handshake !== undefined)
      return (await secrets.accept(id, handshake))
        ? { statusCode: 200, headers: { 'X-Hook-Secret': [handshake] } }
        : { statusCode: 403, body: 'No registration of this webhook is awaiting its handshake.' };
    const known = await secrets.of(id);
    const raw = request.body ?? '';
    if (!known || !signedBy(known.secret, raw, header('x-hook-signature')))
      return { statusCode: 401, body: 'The delivery is not signed with this webhook secret.' };
    const parsed = events.safeParse(safeJson(raw));
    if (!parsed.success) return { statusCode: 400, body: 'The delivery has no events.' };
    const completed = parsed.data.events.some(
      (e) => e.resource.resource_type === 'task' && e.action === 'changed' && e.change?.field === 'completed',
    );
    if (!completed) return { statusCode: 200 };
    const entry = await app.store.project(known.projectKey);
    if (!entry) return { statusCode: 200 };
    try {
      await applyApprovedChanges(app, entry);
      return { statusCode: 200 };
    } catch (error) {
      logFailure(`asana webhook of ${known.projectKey}`, error, app.secrets, app.log);
      // Asana delivers again (with growing waits) after anything but a 2xx: a failure here is retried.
      return { statusCode: 503, body: 'Handoff could not read the change requests now; deliver again later.' };
    }
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
