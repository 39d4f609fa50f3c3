/** A run stopped dead at a port call: a process killed, as far as the tracker can tell. */
export class Killed extends Error {}

/** Properties of a tracker that make no request: reading them is no call. */
const FREE = new Set<PropertyKey>(['requests', 'itemUrl', 'name']);

/** `tracker` with each of its calls made through `each`, which decides whether and how it is made. */
export function around<T extends object>(
  tracker: T,
  each: (property: string, call: () => Promise<unknown>) => Promise<unknown>,
): T {
  return new Proxy(tracker, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (typeof value !== 'function' || FREE.has(property)) return value;
      return (...args: unknown[]) => each(String(property), async () => Reflect.apply(value, target, args));
    },
  });
}

/**
 * `tracker` as a run killed at its `limit`-th call sees it (counting from 0): the call is never
 * made, or — `afterwards` — it is made and the run dies before hearing the answer, the hardest
 * case for a re-run (the tracker acted; the run does not know).
 */
export function killAt<T extends object>(tracker: T, limit: number, afterwards: boolean): T {
  let left = limit;
  return around(tracker, async (property, call) => {
    left -= 1;
    if (left < 0 && !afterwards) throw new Killed(`killed before ${property}`);
    const result = await call();
    if (left < 0) throw new Killed(`killed after ${property}`);
    return result;
  });
}

/** `tracker` counting the calls made through it. */
export function counting<T extends object>(tracker: T): { tracker: T; calls: () => number } {
  let calls = 0;
  return {
    tracker: around(tracker, (_, call) => {
      calls += 1;
      return call();
    }),
    calls: () => calls,
  };
}
