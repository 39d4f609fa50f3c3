import type { RetryPolicy } from '../../provision/retry';
import type { JiraRequest } from '../../trackers/jira/jira-request';

/**
 * Thrown instead of starting a Jira request (or a retry's wait) past a deadline. Not a
 * TrackerError on purpose: the use cases record tracker errors as failed items and go on,
 * and let anything else end the work where it is — which a resolver then hands to the queue,
 * or reports, and a background job continues in its next slice.
 */
export class OutOfTime extends Error {
  constructor() {
    super('out of time for this invocation; the rest continues in the background or on the next try');
    this.name = 'OutOfTime';
  }
}

/**
 * `jira`, refusing to start a request once `now()` has reached `deadline`; a request under way
 * finishes. The backstop for requests inside one tracker call (the Jira client reports the
 * refusal as "no answer"); between calls the deadline policy stops the work first, cleanly.
 */
export function deadlineRequest(jira: JiraRequest, deadline: number, now: () => number): JiraRequest {
  return (path, init) => (now() >= deadline ? Promise.reject(new OutOfTime()) : jira(path, init));
}

/**
 * `policy`, never waiting or starting a request past `deadline`: a rate limit that resets later
 * becomes RateLimitedUntil (the caller hears when to try again), any other wait that long and
 * any attempt after it `stop()`.
 */
export function deadlinePolicy(
  policy: RetryPolicy,
  deadline: number,
  now: () => number,
  stop: () => Error = () => new OutOfTime(),
): RetryPolicy {
  return {
    ...policy,
    get maxRetryAfterMs() {
      return Math.max(0, Math.min(policy.maxRetryAfterMs, deadline - now()));
    },
    now,
    beforeAttempt: () => {
      policy.beforeAttempt?.();
      if (now() >= deadline) throw stop();
    },
    sleep: async (ms) => {
      if (now() + ms >= deadline) throw stop();
      await policy.sleep(ms);
    },
  };
}
