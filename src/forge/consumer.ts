import { z } from 'zod';
import { appOf, type ForgeDeps } from './deps.ts';
import { logFailure } from './errors.ts';
import { continueRun, sliceEvent } from './provisioning.ts';

/** What the `provision` queue delivers (`AsyncEvent` of `@forge/events`): the pushed body and the platform's ids. */
const asyncEvent = z.object({ body: sliceEvent, jobId: z.string().optional(), eventId: z.string().optional() });

/**
 * The `provision` queue's consumer (900 s): runs one slice of a run as the app. Failures are
 * recorded in the journal by the run itself; nothing is rethrown, so the platform does not
 * retry a slice the journal has already accounted for.
 */
export function createConsumer(deps: ForgeDeps) {
  const app = appOf(deps);
  return async (event: unknown): Promise<void> => {
    const parsed = asyncEvent.safeParse(event);
    if (!parsed.success) {
      app.log(`[forge] ignored a malformed provision event: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
      return;
    }
    try {
      await continueRun(app, parsed.data.body);
    } catch (error) {
      logFailure('provision consumer', error, app.secrets, app.log);
    }
  };
}
