/**
 * How the panel watches work in the background: 1 s after an answer that moved, ×1.5 for each
 * answer that did not, up to 12 s — so a run that waits for Jira's rate limit costs a few calls
 * a minute, not a hundred (each call is a resolver invocation and a permission check in Jira).
 * Forge Realtime could push instead, but it is a Preview capability and publishes only from a
 * UI-context invocation, not from the queue consumer where the work happens.
 */
export const POLL = { firstMs: 1_000, factor: 1.5, maxMs: 12_000 } as const;

/** The next wait, given a fingerprint of what the last answer showed: a new fingerprint starts over. */
export function backoff(): (fingerprint: string) => number {
  let delay = 0;
  let last: string | null = null;
  return (fingerprint) => {
    delay = fingerprint === last ? Math.min(POLL.maxMs, delay * POLL.factor) : POLL.firstMs;
    last = fingerprint;
    return delay;
  };
}

/** Resolves after `ms`, and not before the page is visible: nobody watches a hidden tab. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(() => {
      if (!document.hidden) return resolve();
      const onChange = () => {
        if (document.hidden) return;
        document.removeEventListener('visibilitychange', onChange);
        resolve();
      };
      document.addEventListener('visibilitychange', onChange);
    }, ms);
  });
}

/**
 * Reads until `done` says so, backing off between reads; each answer goes to `onValue`. Null
 * when `active()` turned false first (the page or the watch was left).
 */
export async function pollUntil<T>(
  read: () => Promise<T>,
  options: { done(value: T): boolean; fingerprint(value: T): string; active(): boolean; onValue?(value: T): void },
): Promise<T | null> {
  const next = backoff();
  for (;;) {
    if (!options.active()) return null;
    const value = await read();
    if (!options.active()) return null;
    options.onValue?.(value);
    if (options.done(value)) return value;
    await pause(next(options.fingerprint(value)));
  }
}
