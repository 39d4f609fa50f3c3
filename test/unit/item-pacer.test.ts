import { describe, expect, it } from 'vitest';
import { itemPacer } from '../../src/provision/item-pacer';

/** A clock that moves only when slept on, recording when each write started. */
function pacedClock() {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
  };
}

describe('itemPacer', () => {
  it('spaces the writes of one busy item by its windows, and lets other items write at once', async () => {
    const clock = pacedClock();
    const pacer = itemPacer(
      [
        { writes: 10, windowMs: 2_000 },
        { writes: 50, windowMs: 30_000 },
      ],
      clock,
    );
    const starts: number[] = [];
    // One blocker linked to 60 items, one link at a time: every link writes the blocker.
    for (let i = 0; i < 60; i += 1) {
      await pacer.before(['DEL-1', `DEL-${i + 2}`]);
      starts.push(clock.now());
    }
    const perStart = new Map<number, number>();
    for (const t of starts) perStart.set(t, (perStart.get(t) ?? 0) + 1);
    expect([...perStart]).toEqual([
      [0, 10],
      [2_000, 10],
      [4_000, 10],
      [6_000, 10],
      [8_000, 10],
      [30_000, 10],
    ]);
    await pacer.before(['DEL-99', 'DEL-100']);
    expect(clock.now()).toBe(30_000); // an item never written waits for nobody
  });

  it('with no limits, never waits', async () => {
    const clock = pacedClock();
    const pacer = itemPacer([], clock);
    for (let i = 0; i < 100; i += 1) await pacer.before(['DEL-1']);
    expect(clock.now()).toBe(0);
  });
});
