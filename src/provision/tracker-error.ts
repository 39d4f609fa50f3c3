/**
 * An error from a tracker, carrying its layer and what the engine needs to decide whether to
 * try again: `[jira] 429 on POST /rest/api/3/issue/bulk: …`.
 */
export class TrackerError extends Error {
  readonly tracker: string;
  readonly status: number | null;
  /** Seconds the tracker asked us to wait (429 Retry-After). */
  readonly retryAfterSeconds: number | null;

  constructor(init: {
    tracker: string;
    operation: string;
    status: number | null;
    detail: string;
    retryAfterSeconds?: number | null;
    cause?: unknown;
  }) {
    const what = init.status === null ? 'network error' : String(init.status);
    super(`[${init.tracker}] ${what} on ${init.operation}: ${init.detail}`, { cause: init.cause });
    this.name = 'TrackerError';
    this.tracker = init.tracker;
    this.status = init.status;
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }

  /** 429: the request was not processed, so it is safe to send again after the wait. */
  get rateLimited(): boolean {
    return this.status === 429;
  }

  /** 5xx or no response at all: it may or may not have been processed. */
  get transient(): boolean {
    return this.status === null || this.status >= 500;
  }
}
