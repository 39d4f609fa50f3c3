import type { InvocationError } from '@forge/events';
import { z } from 'zod';
import { appOf, type ForgeDeps } from '../deps';
import { logFailure } from '../errors';
import { continueRun, sliceEvent } from './provisioning';
import { applyChangeEvent, continueApply } from './changes';
import { retryLater, retryRequest } from './platform-retry';
import { SliceTakenOver } from './run-slice';
import { continueJob, jobEvent } from './jobs';

/**
 * What the `provision` queue delivers (`AsyncEvent` of `@forge/events`): a slice of a run, a
 * change to apply or a slice of a background job, the platform's ids, and — on a redelivery —
 * how many attempts came before.
 */
const asyncEvent = z.object({
  body: z.union([jobEvent, applyChangeEvent, sliceEvent]),
  jobId: z.string().optional(),
  eventId: z.string().optional(),
  retryContext: z.object({ retryCount: z.number().int().min(0) }).optional(),
});

/**
 * The `provision` queue's consumer (900 s): runs one slice of a run, or applies an approved
 * change, as the app. A transient failure the work did not record (KVS or Jira down, Jira's
 * rate limit) returns an `InvocationError`, so Forge delivers the event again (platform-retry.ts);
 * a failure the work recorded (a failed run in its journal, a refused change in the history)
 * is logged and swallowed, so the platform does not retry what is already accounted for.
 */
export function createConsumer(deps: ForgeDeps) {
  const app = appOf(deps);
  return async (event: unknown): Promise<InvocationError | undefined> => {
    const parsed = asyncEvent.safeParse(event);
    if (!parsed.success) {
      app.log(
        `[forge] ignored a malformed provision event: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`,
      );
      return undefined;
    }
    const { body, eventId, retryContext } = parsed.data;
    const attempt = retryContext?.retryCount ?? 0;
    try {
      const delivery = { event: eventId ?? app.newId(), attempt };
      if (!('kind' in body)) await continueRun(app, body, delivery);
      else if (body.kind === 'job') await continueJob(app, body, delivery);
      else await continueApply(app, body);
      return undefined;
    } catch (error) {
      if (error instanceof SliceTakenOver) {
        app.log(`[forge] provision consumer: ${error.message}`);
        return undefined;
      }
      if (retryLater(error, attempt)) {
        const retry = retryRequest(error, app.now());
        logFailure(
          `provision consumer (Forge retries in ${retry.retryOptions.retryAfter} s)`,
          error,
          app.secrets,
          app.log,
        );
        return retry;
      }
      logFailure('provision consumer', error, app.secrets, app.log);
      return undefined;
    }
  };
}
