import { describe, expect, it } from 'vitest';
import { retryLater, retryRequest } from '../../src/forge/queue/platform-retry';
import { busyOnClaim } from '../../src/forge/queue/tracker-claim';
import { ClaimLost, ClaimTooSlow } from '../../src/usecases/run-claim';

/** What busyOnClaim makes of a claim that `take` threw. */
async function busy(error: Error): Promise<unknown> {
  return busyOnClaim(() => Promise.reject(error)).catch((e: unknown) => e);
}

describe('Forge async events: a tracker claim not confirmed in time is tried again, once it lapses', () => {
  it('a claim write answered too late is BUSY for the page, and a retry at its expiry for a queued slice', async () => {
    const now = Date.parse('2026-12-01T09:00:00Z');
    const expires = now + 5 * 60_000;
    const error = await busy(new ClaimTooSlow('acme', 2_000, expires));
    expect(error).toMatchObject({ code: 'BUSY', retryAt: expires });
    expect(retryLater(error, 0)).toBe(true);
    expect(retryRequest(error, now).retryOptions.retryAfter).toBe(300);
  });

  it('a claim another run took is no reason to retry: BUSY ends the run', async () => {
    const lost = await busy(new ClaimLost('acme', null));
    expect(lost).toMatchObject({ code: 'BUSY', retryAt: null });
    expect(retryLater(lost, 0)).toBe(false);
  });
});
