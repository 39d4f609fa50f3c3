import { describe, expect, it } from 'vitest';
import { coalesced } from '../../src/provision/coalesced';

describe('coalesced writes (the ledger and the mirror shared by concurrent creates)', () => {
  it('writes one at a time, each call answered by a write begun after it, piled-up calls share one', async () => {
    let state = 0;
    let inFlight = 0;
    let most = 0;
    const written: number[] = [];
    const write = coalesced(async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      const seen = state;
      await new Promise((resolve) => setTimeout(resolve, 5));
      written.push(seen);
      inFlight -= 1;
    });
    state = 1;
    const first = write();
    await new Promise((resolve) => setTimeout(resolve, 1));
    state = 2;
    const second = write();
    state = 3;
    const third = write();
    await Promise.all([first, second, third]);
    expect(most).toBe(1);
    // The second and third came while the first was in flight: one write after it, seeing both.
    expect(written).toEqual([1, 3]);
    expect(second).toBe(third);
  });

  it('a failed write fails its callers only: the next one still runs', async () => {
    let calls = 0;
    const write = coalesced(async () => {
      calls += 1;
      if (calls === 1) throw new Error('store down');
    });
    await expect(write()).rejects.toThrow('store down');
    await expect(write()).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });
});
