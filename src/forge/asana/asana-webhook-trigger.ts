import { z } from 'zod';
import { signedBy } from '../../trackers/asana/asana-hook-signature';
import { appOf, type ForgeDeps } from '../deps';
import { logFailure } from '../errors';
import { judgeMove } from '../triggers/change-trigger';
import { trackerFor } from '../tracker-for';
import { answer, headerOf, type WebTriggerRequest, type WebTriggerResponse } from '../web-trigger';
import { kvsHookSecrets } from './hook-secrets';

/** Asana's word for the move an approval owner makes: said in the history and the "not applied" comment. */
const COMPLETED = 'Completed';

const events = z.object({
  events: z.array(
    z
      .object({
        action: z.string(),
        resource: z.object({ gid: z.string(), resource_type: z.string() }).loose(),
        change: z.object({ field: z.string() }).loose().optional(),
      })
      .loose(),
  ),
});

/**
 * Asana's webhooks for the change requests of records the page provisioned in Asana: the
 * `X-Hook-Secret` handshake (answered only for a registration the app announced), then signed
 * deliveries (`X-Hook-Signature`, HMAC-SHA256 of the raw body under that secret). A change
 * request's completion is judged as Jira's trigger judges a move to Done: the approval owner's is
 * applied in the queue at once; anyone else's is answered on the task and applies nothing.
 */
export function createAsanaWebhookTrigger(deps: ForgeDeps) {
  const app = appOf(deps);
  const secrets = kvsHookSecrets(app.kvs, app.now);
  return async (request: WebTriggerRequest): Promise<WebTriggerResponse> => {
    const header = (name: string) => headerOf(request, name);
    const id = request.queryParameters?.hook?.[0] ?? '';
    const handshake = header('x-hook-secret');
    if (handshake !== undefined)
      return (await secrets.accept(id, handshake))
        ? answer(200, '', { 'X-Hook-Secret': [handshake] })
        : answer(403, 'No registration of this webhook is awaiting its handshake.');
    const known = await secrets.of(id);
    const raw = request.body ?? '';
    if (!known || !signedBy(known.secret, raw, header('x-hook-signature')))
      return answer(401, 'The delivery is not signed with this webhook secret.');
    const parsed = events.safeParse(safeJson(raw));
    if (!parsed.success) return answer(400, 'The delivery has no events.');
    // The tasks whose completion changed, each once: Asana batches events and may repeat one.
    const tasks = new Set(
      parsed.data.events
        .filter((e) => e.resource.resource_type === 'task' && e.action === 'changed' && e.change?.field === 'completed')
        .map((e) => e.resource.gid),
    );
    const entry = tasks.size > 0 ? await app.store.project(known.projectKey) : null;
    if (!entry) return answer(200);
    try {
      const { tracker } = await trackerFor(app, { ...entry, jira: app.jiraAsApp(), by: 'app' });
      // Who completed it is read from the task (completed_by), not the event: deliveries come late and out of order.
      for (const key of tasks)
        await judgeMove(app, tracker, { projectKey: known.projectKey, key, status: COMPLETED, by: null });
      return answer(200);
    } catch (error) {
      logFailure(`asana webhook of ${known.projectKey}`, error, app.secrets, app.log);
      // Asana delivers again (with growing waits) after anything but a 2xx: a failure here is retried.
      return answer(503, 'Handoff could not read the change request now; deliver again later.');
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
