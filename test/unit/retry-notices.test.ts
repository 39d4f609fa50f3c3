import { describe, expect, it, vi } from 'vitest';
import { createSender, withRetry, type RetryPolicy } from '../../src/provision/retry';
import { RateLimitedUntil } from '../../src/provision/rate-limited';
import { TrackerError } from '../../src/provision/tracker-error';
import { noticeIfSlow, waitSentence, type WaitNotice } from '../../src/provision/wait-notice';

/** A policy on a fake clock that starts at 14:30:00 UTC, recording what it tells. */
function noticingPolicy() {
  const notices: WaitNotice[] = [];
  let clock = Date.parse('2026-12-06T14:30:00Z');
  const policy: RetryPolicy = {
    maxAttempts: 6,
    maxRateLimited: 5,
    baseDelayMs: 500,
    maxDelayMs: 20_000,
    maxRetryAfterMs: 120_000,
    sleep: async (ms) => {
      clock += ms;
    },
    random: () => 1,
    now: () => clock,
    onWait: (notice) => notices.push(notice),
  };
  return { policy, notices, sentences: () => notices.map(waitSentence) };
}

const jiraError = (status: number | null, detail: string, retryAfterSeconds: number | null = null) =>
  new TrackerError({ tracker: 'jira', operation: 'GET /rest/api/3/myself', status, detail, retryAfterSeconds });

describe('attack F10/F11: every retry after no answer or a server error is told before it waits', () => {
  it('says who is not answering, the wait and the attempt, then gives up after the last', async () => {
    const { policy, sentences } = noticingPolicy();
    const failed = await withRetry(
      () => Promise.reject(jiraError(null, 'no answer within 30 s')),
      'read',
      policy,
    ).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(TrackerError);
    expect(sentences()).toEqual([
      'Jira is not answering: no answer within 30 s; retrying in 0.5 s (2/6)',
      'Jira is not answering: no answer within 30 s; retrying in 1 s (3/6)',
      'Jira is not answering: no answer within 30 s; retrying in 2 s (4/6)',
      'Jira is not answering: no answer within 30 s; retrying in 4 s (5/6)',
      'Jira is not answering: no answer within 30 s; retrying in 8 s (6/6)',
    ]);
  });

  it('names the status and the operation of a 5xx, and tells nothing for a refusal that is not retried', async () => {
    const { policy, sentences } = noticingPolicy();
    let calls = 0;
    await withRetry(
      async () => {
        calls += 1;
        if (calls === 1) throw jiraError(503, 'busy');
        return 'ok';
      },
      'read',
      policy,
    );
    await withRetry(() => Promise.reject(jiraError(403, 'no permission')), 'read', policy).catch(() => null);
    expect(sentences()).toEqual(['Jira answered 503 on GET /rest/api/3/myself; retrying in 0.5 s (2/6)']);
  });
});

describe('attack F15: a Retry-After the run sits through is told with when it resumes; a longer one stops it', () => {
  it('Retry-After 100 s: one line for the whole run, however many requests heard it', async () => {
    const { policy: advancing, sentences } = noticingPolicy();
    // The three hear the 429 at one instant: sleeping does not move this clock.
    const policy: RetryPolicy = { ...advancing, sleep: async () => {} };
    const send = createSender(policy);
    const heard = new Set<number>();
    const request = (n: number) => () => {
      if (heard.has(n)) return Promise.resolve(n);
      heard.add(n);
      return Promise.reject(jiraError(429, 'Rate limit exceeded.', 100));
    };
    expect(await Promise.all([send(request(1), 'read'), send(request(2), 'read'), send(request(3), 'read')])).toEqual([
      1, 2, 3,
    ]);
    expect(sentences()).toEqual(['Jira asked us to wait 100 s (rate limit); resuming at 14:31:40 UTC']);
  });

  it('Retry-After 200 s: stops resumably without waiting, and tells no wait', async () => {
    const { policy, notices } = noticingPolicy();
    const stopped = await withRetry(
      () => Promise.reject(jiraError(429, 'Rate limit exceeded.', 200)),
      'read',
      policy,
    ).catch((e: unknown) => e);
    expect(stopped).toEqual(expect.objectContaining({ until: Date.parse('2026-12-06T14:33:20Z') }));
    expect(stopped).toBeInstanceOf(RateLimitedUntil);
    expect(notices).toEqual([]);
  });

  it('a per-item limit is told for the request it holds back', async () => {
    const { policy, sentences } = noticingPolicy();
    let calls = 0;
    await withRetry(
      async () => {
        calls += 1;
        if (calls === 1)
          throw new TrackerError({
            tracker: 'jira',
            operation: 'PUT /rest/api/3/issue/{key}',
            status: 429,
            detail: 'slow down',
            retryAfterSeconds: 2,
            rateLimitScope: 'item',
          });
        return 'ok';
      },
      'idempotent-write',
      policy,
    );
    expect(sentences()).toEqual(['Jira asked us to wait 2 s (rate limit); resuming at 14:30:02 UTC']);
  });
});

describe('waitSentence', () => {
  it('says a search lag with its longest wait', () => {
    expect(waitSentence({ tracker: 'jira', reason: 'search lag', waitMs: 30_000, until: 0 })).toBe(
      "waiting up to 30 s for Jira's search to catch up with creates that went unanswered",
    );
  });
});

describe('attack F10: a request still unanswered after 10 s is told before its 30 s timeout', () => {
  it('tells once at 10 s, with the time left; an answer before that cancels it', () => {
    vi.useFakeTimers();
    try {
      const notices: WaitNotice[] = [];
      const request = { tracker: 'jira', operation: 'GET /rest/api/3/myself', timeoutMs: 30_000 };
      const answered = noticeIfSlow((n) => notices.push(n), request);
      vi.advanceTimersByTime(9_999);
      expect(notices).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(notices.map(waitSentence)).toEqual([
        'Jira has not answered GET /rest/api/3/myself yet; giving it 20 s more',
      ]);
      answered();
      noticeIfSlow((n) => notices.push(n), request)();
      vi.advanceTimersByTime(60_000);
      expect(notices).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
