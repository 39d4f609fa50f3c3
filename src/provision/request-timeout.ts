/**
 * How long any one request to a tracker may take, answer included, before it is given up as a
 * network failure (and retried like one: reads and idempotent writes again, creates only after
 * a search). Without it, a site that accepts the connection and never answers held a run for
 * minutes per attempt, silently. Tens of seconds: Jira's slowest documented calls (bulk create
 * of 50, JQL pages of 5,000) answer well within it.
 */
export const REQUEST_TIMEOUT_MS = 30_000;

/** The sentence a timed-out request carries. */
export function noAnswerWithin(ms: number): string {
  const span = ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
  return `no answer within ${span} (the connection was made; the server did not respond)`;
}
