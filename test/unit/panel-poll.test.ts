import { describe, expect, it } from 'vitest';
import { POLL, backoff } from '../../static/panel/src/poll';

describe('Jira points-based rate limits: the panel polls with backoff (each poll costs a call)', () => {
  it('waits 1 s after an answer that moved, ×1.5 per unchanged one, 12 s at most, again 1 s when it moves', () => {
    const next = backoff();
    const waits = ['a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'b', 'b'].map((shown) => next(shown));
    expect(waits).toEqual([1_000, 1_500, 2_250, 3_375, 5_062.5, 7_593.75, 11_390.625, 12_000, 1_000, 1_500]);
    expect(Math.max(...waits)).toBe(POLL.maxMs);
  });

  it('a run waiting an hour for Jira costs about 300 reads, not 6,000 at the old 600 ms', () => {
    const next = backoff();
    let elapsed = 0;
    let reads = 0;
    for (; elapsed < 3_600_000; reads += 1) elapsed += next('waiting');
    expect(reads).toBeLessThan(310);
  });
});
