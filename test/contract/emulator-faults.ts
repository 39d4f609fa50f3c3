import type { ManualClock } from '../../emulators/common/clock';
import type { Faults } from './tracker-contract';

/**
 * The contract's storm on either local emulator: a tight rate limit, the error rate, and
 * dropped connections that strike after the write took effect (the hardest case for
 * idempotence). The limit is 40 requests a minute of the emulator's clock, which only the
 * policy's waits move fast: a run of hundreds of requests meets it however slow the machine
 * (40 a second let a loaded machine slip under it, and the storm had no 429 at all).
 */
export function emulatorFaults(faults: Faults) {
  return {
    rateLimit: faults.rateLimitRate ? { budget: 40, windowMs: 60_000 } : null,
    errorRate: faults.errorRate ?? 0,
    dropRate: faults.lostResponseRate ? faults.lostResponseRate / 4 : 0,
    afterCommit: Boolean(faults.lostResponseRate),
  };
}

/** What the emulator's stats say it injected: 429s, 5xx and dropped connections. */
export function injectedFrom(statuses: Record<string, number>) {
  const count = (...codes: string[]) => codes.reduce((n, code) => n + (statuses[code] ?? 0), 0);
  return { rateLimited: count('429'), errors: count('500', '502', '503'), lostResponses: count('dropped') };
}

/**
 * A retry policy's `sleep` on the emulator's manual clock: waiting moves the clock (so a
 * Retry-After window really ends) and yields one macrotask so other requests run meanwhile.
 */
export function waitOn(clock: ManualClock): (ms: number) => Promise<void> {
  return (ms) =>
    new Promise((resolve) => {
      clock.advance(ms);
      setImmediate(resolve);
    });
}
