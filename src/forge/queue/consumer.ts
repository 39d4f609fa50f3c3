import { z } from 'zod';
import { appOf, type ForgeDeps } from '../deps';
import { logFailure } from '../errors';
import { continueRun, sliceEvent } from './provisioning';
import { applyChangeEvent, continueApply } from './changes';
import { continueJob, jobEvent } from './jobs';

/**
 * What the `provision` queue delivers (`AsyncEvent` of `@forge/events`):
 * a slice of a run, a change to apply or a slice of a background job, and the platform's ids.
 */
const asyncEvent = z.object({
  body: z.union([jobEvent, applyChangeEvent, sliceEvent]),
  jobId: z.string().optional(),
  eventId: z.string().optional(),
});

/**
 * The `provision` queue's consumer (900 s): runs one slice of a run, or applies an approved
 * change, as the app. Failures are recorded in the journal (or the history) by the work
 * itself; nothing is rethrown, so the platform does not retry what is already accounted for.
 */
export function createConsumer(deps: ForgeDeps) {
  const app = appOf(deps);
  return async (event: unknown): Promise<void> => {
    const parsed = asyncEvent.safeParse(event);
    if (!parsed.success) {
      app.log(
        `[forge] ignored a malformed provision event: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`,
      );
      return;
    }
    try {
      const { body } = parsed.data;
      if ('kind' in body && body.kind === 'job') await continueJob(app, body);
      else await ('kind' in body ? continueApply(app, body) : continueRun(app, body));
    } catch (error) {
      logFailure('provision consumer', error, app.secrets, app.log);
    }
  };
}
