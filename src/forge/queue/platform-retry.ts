import { ForgeKvsAPIError, ForgeKvsError } from '@forge/kvs';
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { RateLimitedUntil } from '../../provision/rate-limited';
import { TrackerError } from '../../provision/tracker-error';
import { ClaimBusy } from './tracker-claim';

/**
 * Asking Forge to deliver a queue event again, instead of recording a failure that may clear
 * in a minute. A consumer that returns an `InvocationError` gets its event redelivered after
 * `retryAfter` seconds (at most 900), with `retryContext.retryCount` counting the attempts
 * (async-events-api, "Retry request"). Forge keeps retrying for the event's 24 h retention
 * window; the app stops asking after PLATFORM_RETRIES — the number product-event triggers
 * are allowed — and records the failure, so a run ends in minutes to an hour, not a day.
 */
export const PLATFORM_RETRIES = 4;
/** A KVS hiccup or Jira being down: a minute is longer than either usually lasts. */
const TRANSIENT_RETRY_SECONDS = 60;
const MAX_RETRY_AFTER_SECONDS = 900;

/**
 * Whether `error` may pass if the same work is tried again later: KVS refusing for load (429)
 * or failing (5xx, no answer), Jira down or rate limited past what a slice may wait. Not a
 * refusal (4xx: a value too large, a field Jira requires), nor a bug: trying again changes nothing.
 */
export function transient(error: unknown): boolean {
  if (error instanceof RateLimitedUntil) return true;
  if (error instanceof ClaimBusy) return error.retryAt !== null;
  if (error instanceof TrackerError) return error.rateLimited || error.transient;
  if (error instanceof ForgeKvsAPIError)
    return error.responseDetails.status === 429 || error.responseDetails.status >= 500;
  return error instanceof ForgeKvsError;
}

/** Whether the consumer should ask for a retry of delivery `attempt` (0 for the first) failing with `error`. */
export function retryLater(error: unknown, attempt: number): boolean {
  return attempt < PLATFORM_RETRIES && transient(error);
}

/** The consumer's answer that makes Forge deliver the event again: after Jira's reset, or a minute. */
export function retryRequest(error: unknown, now: number): InvocationError {
  if (error instanceof RateLimitedUntil)
    return new InvocationError({
      retryAfter: Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, Math.ceil((error.until - now) / 1000))),
      retryReason: InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED,
    });
  // A claim not confirmed in time: delivered again once the attempt it may have left lapses.
  if (error instanceof ClaimBusy && error.retryAt !== null)
    return new InvocationError({
      retryAfter: Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, Math.ceil((error.retryAt - now) / 1000))),
      retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST,
    });
  return new InvocationError({
    retryAfter: TRANSIENT_RETRY_SECONDS,
    retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST,
  });
}
