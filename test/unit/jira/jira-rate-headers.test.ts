import { describe, expect, it } from 'vitest';
import { rateHeaders } from '../../../src/trackers/jira/jira-rate-headers';

const read = (headers: Record<string, string>) => rateHeaders(new Headers(headers));

describe("Jira's rate-limit headers", () => {
  it('reads a burst 429: Retry-After, the reset to the second, the whole run held back', () => {
    expect(
      read({ 'Retry-After': '1', 'X-RateLimit-Reset': '2026-01-01T01:01:01Z', 'RateLimit-Reason': 'jira-burst-based' }),
    ).toEqual({
      retryAfterSeconds: 1,
      resetAt: Date.parse('2026-01-01T01:01:01Z'),
      resetAfterSeconds: null,
      rateLimitScope: 'run',
    });
  });

  it('reads a quota 429 without Retry-After: the reset to the minute and the spent policy’s t', () => {
    const read429 = read({
      'X-RateLimit-Reset': '2026-03-26T17:00Z',
      'Beta-RateLimit': '"jira-burst-based";r=90;t=1, "global-app-quota";r=0;t=2107',
      'X-Beta-RateLimit-Reason': 'jira-quota-global-based',
    });
    expect(read429).toEqual({
      retryAfterSeconds: null,
      resetAt: Date.parse('2026-03-26T17:00:00Z'),
      resetAfterSeconds: 2107,
      rateLimitScope: 'run',
    });
  });

  it('scopes a per-issue write 429 to the item, and ignores what it cannot read', () => {
    expect(
      read({ 'RateLimit-Reason': 'jira-per-issue-on-write', 'Retry-After': 'soon', 'X-RateLimit-Reset': 'later' }),
    ).toEqual({ retryAfterSeconds: null, resetAt: null, resetAfterSeconds: null, rateLimitScope: 'item' });
  });
});
