/** At most `writes` writes touching one item in any `windowMs`. */
export type ItemWriteLimit = { writes: number; windowMs: number };

/**
 * Spaces writes so that no item gets more than a tracker's per-item limits allow (Jira's
 * per-issue write limit): each write reserves a start time on every item it touches — never
 * before that item's last reserved write, and late enough that every window ending there
 * still has room — then waits for it. Reservations are taken in call order, so concurrent
 * writers queue up fairly on a busy item while writes to other items go at once.
 */
export function itemPacer(
  limits: readonly ItemWriteLimit[],
  clock: { now(): number; sleep(ms: number): Promise<void> },
) {
  const reserved = new Map<string, number[]>();
  const longest = Math.max(0, ...limits.map((l) => l.windowMs));

  function reserve(items: readonly string[]): number {
    let at = clock.now();
    for (const item of items) at = Math.max(at, reserved.get(item)?.at(-1) ?? at);
    for (let moved = true; moved;) {
      moved = false;
      for (const item of items) {
        const log = reserved.get(item) ?? [];
        for (const { writes, windowMs } of limits) {
          const inside = log.filter((t) => t > at - windowMs);
          // The reservation whose leaving the window makes room: `writes` back from the newest.
          const freeing = inside[inside.length - writes];
          if (freeing !== undefined && freeing + windowMs > at) [at, moved] = [freeing + windowMs, true];
        }
      }
    }
    for (const item of items) reserved.set(item, [...(reserved.get(item) ?? []).filter((t) => t > at - longest), at]);
    return at;
  }

  return {
    /** Waits until a write touching `items` may start without breaking any item's limits. */
    async before(items: readonly string[]): Promise<void> {
      const wait = reserve(items) - clock.now();
      if (wait > 0) await clock.sleep(wait);
    },
  };
}
