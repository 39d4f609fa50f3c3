import { trackerName } from '../domain/words';
/**
 * Why a run is waiting: the tracker asked it to (a 429's Retry-After or reset), a request got
 * no answer or the tracker answered 5xx (a backoff before the next attempt), the search has
 * not yet caught up with creates that went unanswered, or one request is taking long (told
 * before its timeout, which would otherwise be a silent wait of tens of seconds).
 */
export type WaitReason = 'rate limit' | 'no answer' | 'server error' | 'search lag' | 'slow answer';

/**
 * One wait the run is about to sit through, told before it starts so that nobody watches a
 * silent run: no wait longer than a few seconds goes unannounced.
 */
export type WaitNotice = {
  tracker: string;
  reason: WaitReason;
  waitMs: number;
  /** Epoch ms when the wait ends (for a search lag: the longest it may last). */
  until: number;
  /** For retries: the attempt about to be made, and how many there may be (a rate limit has none). */
  attempt?: number;
  maxAttempts?: number;
  /** What went wrong, for 'no answer' and 'server error': `no answer within 30 s`, `503 on GET /rest/api/3/myself`. */
  detail?: string;
};

/**
 * The sentence a person reads: `Jira asked us to wait 100 s (rate limit); resuming at 14:32:05
 * UTC`, `Jira is not answering: no answer within 30 s; retrying in 4 s (2/6)`, `Jira answered 503 on GET
 * /rest/api/3/myself; retrying in 1 s (2/6)`.
 */
export function waitSentence(notice: WaitNotice): string {
  const name = trackerName(notice.tracker);
  const count = notice.attempt === undefined ? '' : ` (${notice.attempt}/${notice.maxAttempts ?? '?'})`;
  switch (notice.reason) {
    case 'rate limit':
      return `${name} asked us to wait ${span(notice.waitMs)} (rate limit); resuming at ${utcTime(notice.until)}`;
    case 'no answer':
      return `${name} is not answering: ${notice.detail ?? 'no answer'}; retrying in ${span(notice.waitMs)}${count}`;
    case 'server error':
      return `${name} answered ${notice.detail ?? 'with a server error'}; retrying in ${span(notice.waitMs)}${count}`;
    case 'slow answer':
      return `${name} has not answered ${notice.detail ?? 'a request'} yet; giving it ${span(notice.waitMs)} more`;
    case 'search lag':
      return `waiting up to ${span(notice.waitMs)} for ${name}'s search to catch up with creates that went unanswered`;
  }
}

/** How long a request may be in flight before the wait is told. */
export const SLOW_ANSWER_NOTICE_MS = 10_000;

/**
 * Tells `onWait` when a request is still unanswered after SLOW_ANSWER_NOTICE_MS (if its timeout
 * is later than that); returns what cancels it once the answer (or the failure) is in.
 */
export function noticeIfSlow(
  onWait: ((notice: WaitNotice) => void) | undefined,
  request: { tracker: string; operation: string; timeoutMs: number },
): () => void {
  if (!onWait || request.timeoutMs <= SLOW_ANSWER_NOTICE_MS) return () => {};
  const started = Date.now();
  const timer = setTimeout(() => {
    const until = started + request.timeoutMs;
    onWait({
      tracker: request.tracker,
      reason: 'slow answer',
      waitMs: until - Date.now(),
      until,
      detail: request.operation,
    });
  }, SLOW_ANSWER_NOTICE_MS);
  // A pending notice never keeps the process alive.
  timer.unref();
  return () => clearTimeout(timer);
}

function span(ms: number): string {
  if (ms < 1000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms / 1000)} s`;
}

function utcTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 19)} UTC`;
}
