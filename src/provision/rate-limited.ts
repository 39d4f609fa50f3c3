/**
 * Thrown, instead of a TrackerError, when a tracker's rate limit resets later than the run may
 * wait: nothing failed, the run stops and the same command (or the next queue slice) resumes it
 * after `until`. Not a TrackerError on purpose — the engine records tracker errors as failed
 * items and links, and lets anything else end the run as it is.
 */
export class RateLimitedUntil extends Error {
  /** Epoch ms after which the tracker takes requests again. */
  readonly until: number;
  readonly tracker: string;

  constructor(until: number, tracker: string, cause?: unknown) {
    super(`[${tracker}] rate limited until ${new Date(until).toISOString()}`, { cause });
    this.name = 'RateLimitedUntil';
    this.until = until;
    this.tracker = tracker;
  }
}
