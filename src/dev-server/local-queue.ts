import type { FetchMethod } from '@forge/api';
import { Queue } from '@forge/events';
import { z } from 'zod';
import type { ProvisionQueue } from '../forge/deps';
import { PROVISION_QUEUE } from '../forge/queue/run-slice';

/** What `Queue.push` sends to the platform: the events and the job they belong to. */
const pushRequest = z.object({
  queueName: z.string(),
  jobId: z.string(),
  payload: z.array(z.object({ body: z.record(z.string(), z.unknown()), delayInSeconds: z.number().optional() })),
});

export type LocalQueue = ProvisionQueue & {
  /** Resolves once every event pushed so far, and every event those pushed, has been consumed. */
  idle(): Promise<void>;
  /** Drops events not yet delivered (the dev server is stopping). */
  close(): void;
};

/** What a consumer returns to have its event delivered again (`InvocationError` of `@forge/events`, as JSON). */
const retryRequest = z.object({ _retry: z.literal(true), retryOptions: z.object({ retryAfter: z.number() }) });

/**
 * The `provision` queue, in process: the real `Queue` of `@forge/events` (so pushes are checked
 * as Forge checks them) whose platform call hands each event to the consumer asynchronously,
 * after its delay — the resolver answers first, and the panel watches the run progress. A
 * consumer that returns an `InvocationError` gets the event again after its `retryAfter`, with
 * `retryContext.retryCount` one higher, as Forge redelivers it.
 */
export function createLocalQueue(
  consume: (event: unknown) => Promise<unknown>,
  key: string = PROVISION_QUEUE,
): LocalQueue {
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const running = new Set<Promise<void>>();

  const schedule = (event: Record<string, unknown>, delayMs: number, retryCount: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      const delivered =
        retryCount > 0 ? { ...event, retryContext: { retryCount, retryReason: 'retry', retryData: null } } : event;
      const run = consume(delivered)
        .then((answer) => {
          const retry = retryRequest.safeParse(answer);
          if (retry.success) schedule(event, retry.data.retryOptions.retryAfter * 1000, retryCount + 1);
        })
        .finally(() => running.delete(run));
      running.add(run);
    }, delayMs);
    timers.add(timer);
  };

  const deliver: FetchMethod = async (_path, init) => {
    const request = pushRequest.parse(JSON.parse(typeof init?.body === 'string' ? init.body : ''));
    request.payload.forEach((event, i) => {
      const delivered = {
        body: event.body,
        queueName: request.queueName,
        jobId: request.jobId,
        eventId: `${request.jobId}:${i}`,
      };
      schedule(delivered, (event.delayInSeconds ?? 0) * 1000, 0);
    });
    return new Response(null, { status: 201 });
  };
  const queue = new Queue({ key }, deliver);

  return {
    push: (events) => queue.push(events),
    async idle() {
      while (running.size > 0 || timers.size > 0)
        await Promise.race([...running, new Promise((resolve) => setTimeout(resolve, 20))]);
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
