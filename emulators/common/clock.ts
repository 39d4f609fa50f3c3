import { z } from 'zod';

/**
 * Where an emulator reads the time: its rate-limit windows, Jira's search lag and every
 * timestamp it writes. Tests pass a manual clock and move it forward instead of sleeping,
 * so a busy machine cannot make a window close early or late.
 */
export type Clock = { now(): number };

export const systemClock: Clock = { now: () => Date.now() };

/** The `clock` option: anything with a `now()`; checked, not copied, so a test keeps its handle on it. */
export const clockOption = z
  .custom<Clock>(
    (value) => typeof value === 'object' && value !== null && 'now' in value && typeof value.now === 'function',
    {
      message: 'expected an object with a now() method',
    },
  )
  .default(systemClock);

export type ManualClock = Clock & {
  /** Moves time forward; a test's stand-in for waiting. */
  advance(ms: number): void;
};

/** A clock that only moves when told to, starting at a fixed instant so runs are repeatable. */
export function manualClock(start = Date.parse('2026-12-01T09:00:00.000Z')): ManualClock {
  let time = start;
  return {
    now: () => time,
    advance(ms) {
      if (!(ms >= 0)) throw new RangeError(`a clock only moves forward, not by ${ms} ms`);
      time += ms;
    },
  };
}

/**
 * The real time, plus every wait skipped so far: `advance` ends a wait at once. For suites
 * whose other side stamps records with the real time (the contract's change history), where a
 * clock that stands still would give every event the same instant.
 */
export function fastForwardClock(): ManualClock {
  let skipped = 0;
  return {
    now: () => Date.now() + skipped,
    advance(ms) {
      if (!(ms >= 0)) throw new RangeError(`a clock only moves forward, not by ${ms} ms`);
      skipped += ms;
    },
  };
}
