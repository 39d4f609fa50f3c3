import { createHmac } from 'node:crypto';
import type { Clock } from '../../common/clock';
import type { JsonStore } from '../../common/json-store';
import { asanaTime, type AsanaState, type Webhook } from '../state';

/** Failed deliveries in a row after which a webhook is deleted (Asana: after 24 hours of failures). */
export const WEBHOOK_RETRIES = 8;
/** Events a delivery carries at most (Asana batches events; its own size is not documented). */
export const EVENTS_PER_DELIVERY = 50;
/** Asana waits 10 seconds for a target's answer; no answer by then is a failure. */
export const TARGET_TIMEOUT_MS = 10_000;
/** How often the outboxes are looked at: events go out asynchronously, batched, after the change. */
const TICK_MS = 100;

/** `X-Hook-Signature`: HMAC-SHA256 of the exact body, keyed with the secret of the handshake, in hex. */
export function hookSignature(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/**
 * Delivers every webhook's outbox to its target, as Asana does: signed, a batch of events a POST,
 * one delivery in flight a webhook, in order. A non-2xx answer, no answer within 10 s or a refused
 * connection is a failure: the same events are sent again after `retryMs`, doubling each time
 * (1×, 2×, 4×, … `retryMs`), and after WEBHOOK_RETRIES failures in a row the webhook is deleted
 * with its outbox. Events leave the outbox only once delivered, so a target may see one twice
 * (its answer was lost): at least once. Runs while some webhook exists; `stop` ends it.
 */
export function createWebhookDelivery(store: JsonStore<AsanaState>, options: { clock: Clock; retryMs: number }) {
  const inFlight = new Set<string>();
  let timer: NodeJS.Timeout | undefined;

  const due = (hook: Webhook) =>
    hook.outbox.length > 0 &&
    !inFlight.has(hook.gid) &&
    (hook.nextAttemptAfter === null || Date.parse(hook.nextAttemptAfter) <= options.clock.now());

  async function deliver(hook: Webhook): Promise<void> {
    inFlight.add(hook.gid);
    const events = hook.outbox.slice(0, EVENTS_PER_DELIVERY);
    const body = JSON.stringify({ events });
    let failure: string | null;
    try {
      const answer = await fetch(hook.target, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hook-signature': hookSignature(hook.secret, body) },
        body,
        signal: AbortSignal.timeout(TARGET_TIMEOUT_MS),
      });
      failure = answer.ok ? null : `${answer.status} ${(await answer.text()).slice(0, 200)}`;
    } catch (error) {
      failure = `no answer: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      inFlight.delete(hook.gid);
    }
    const state = store.read();
    const now = options.clock.now();
    const current = state.webhooks.find((w) => w.gid === hook.gid);
    if (!current) return; // deleted while the delivery was out
    if (failure === null) {
      current.outbox.splice(0, events.length); // events only ever join at the end
      Object.assign(current, {
        lastSuccessAt: asanaTime(new Date(now)),
        deliveryRetryCount: 0,
        nextAttemptAfter: null,
      });
    } else if (current.deliveryRetryCount + 1 > WEBHOOK_RETRIES) {
      state.webhooks = state.webhooks.filter((w) => w !== current);
    } else {
      const wait = options.retryMs * 2 ** current.deliveryRetryCount;
      Object.assign(current, {
        lastFailureAt: asanaTime(new Date(now)),
        lastFailureContent: failure,
        deliveryRetryCount: current.deliveryRetryCount + 1,
        nextAttemptAfter: asanaTime(new Date(now + wait)),
      });
    }
    store.save();
  }

  function tick(): void {
    const { webhooks } = store.read();
    if (webhooks.length === 0) return stop();
    for (const hook of webhooks.filter(due)) void deliver(hook);
  }

  function stop(): void {
    clearInterval(timer);
    timer = undefined;
  }

  return {
    /** Starts looking at the outboxes (again), when a webhook exists; harmless when already running. */
    start(): void {
      if (timer || store.read().webhooks.length === 0) return;
      timer = setInterval(tick, TICK_MS);
      timer.unref();
    },
    stop,
  };
}

export type WebhookDelivery = ReturnType<typeof createWebhookDelivery>;
