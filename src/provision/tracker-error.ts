/**
 * An error from a tracker, carrying its layer and what the engine needs to decide whether to
 * try again: `[jira] 429 on POST /rest/api/3/issue/bulk: …`.
 */
export class TrackerError extends Error {
  readonly tracker: string;
  /** `POST /rest/api/3/issue`: what was asked, without query or ids' values where the adapter names a template. */
  readonly operation: string;
  readonly status: number | null;
  /** What the tracker said (or why there was no answer), without the `[jira] 403 on …` prefix. */
  readonly detail: string;
  /** Seconds the tracker asked us to wait (Retry-After, on a 429 or a 503). */
  readonly retryAfterSeconds: number | null;
  /** When the tracker says its limit resets (epoch ms), for a 429 that came without Retry-After. */
  readonly resetAt: number | null;
  /** Seconds until the exhausted quota resets, from a structured `RateLimit: "…";r=0;t=N` header. */
  readonly resetAfterSeconds: number | null;
  /**
   * What a 429 limits: the whole run (a quota, an endpoint's rate) or only writes to one item
   * (Jira's per-issue write limit), which other requests need not wait for.
   */
  readonly rateLimitScope: 'run' | 'item';

  constructor(init: {
    tracker: string;
    operation: string;
    status: number | null;
    detail: string;
    retryAfterSeconds?: number | null;
    resetAt?: number | null;
    resetAfterSeconds?: number | null;
    rateLimitScope?: 'run' | 'item';
    cause?: unknown;
  }) {
    const what = init.status === null ? 'network error' : String(init.status);
    super(`[${init.tracker}] ${what} on ${init.operation}: ${init.detail}`, { cause: init.cause });
    this.name = 'TrackerError';
    this.tracker = init.tracker;
    this.operation = init.operation;
    this.status = init.status;
    this.detail = init.detail;
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
    this.resetAt = init.resetAt ?? null;
    this.resetAfterSeconds = init.resetAfterSeconds ?? null;
    this.rateLimitScope = init.rateLimitScope ?? 'run';
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

/**
 * A 404 that does not come from the tracker's API saying "no such object" but from the base URL
 * not leading to its API at all (a mistyped path in JIRA_BASE_URL or ASANA_BASE_URL): every
 * request would get one. Not a TrackerError on purpose: adapters read a TrackerError 404 as
 * "this user, project or change does not exist", and the engine records TrackerErrors as failed
 * items; this must instead stop the command and name the setting.
 */
export class ApiNotFound extends Error {
  readonly tracker: string;
  readonly operation: string;

  constructor(init: { tracker: string; operation: string; detail: string }) {
    super(`[${init.tracker}] 404 on ${init.operation}: no ${init.tracker} API at this address (${init.detail})`);
    this.name = 'ApiNotFound';
    this.tracker = init.tracker;
    this.operation = init.operation;
  }
}
