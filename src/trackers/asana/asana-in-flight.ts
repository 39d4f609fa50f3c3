/**
 * Asana's concurrent request limits, per token: "Reads (HTTP GET method) 50, Writes (HTTP POST,
 * PUT, PATCH, and DELETE methods combined) 15"; a batch counts as one request per action.
 * Past them Asana answers 429, spending the per-minute quota: the caller keeps under them.
 */
export const ASANA_IN_FLIGHT = { reads: 50, writes: 15 } as const;

/** What one request holds while in flight: one read or write, or one per batch action of each kind. */
export type InFlightLoad = { reads: number; writes: number };

/** A request's load: a batch's actions each by their method, else the operation's own (`GET /tasks/{gid}`). */
export function loadOf(operation: string, actions?: readonly { method: string }[]): InFlightLoad {
  const methods = actions ? actions.map((a) => a.method.toUpperCase()) : [operation.split(' ')[0] ?? ''];
  const reads = methods.filter((m) => m === 'GET').length;
  return { reads, writes: methods.length - reads };
}

/**
 * At most `capacity` units held at once. Waiters are served in arrival order, so a batch of ten
 * is never starved by single requests slipping past it; a weight above the capacity holds all of it.
 */
export function weightedSemaphore(capacity: number) {
  let held = 0;
  const waiting: { weight: number; resume: () => void }[] = [];
  const drain = () => {
    for (let next = waiting[0]; next && held + next.weight <= capacity; next = waiting[0]) {
      waiting.shift();
      held += next.weight;
      next.resume();
    }
  };
  return {
    /** Waits for `weight` units and returns their release (calling it twice releases once). */
    async acquire(weight: number): Promise<() => void> {
      const units = Math.min(weight, capacity);
      if (units <= 0) return () => undefined;
      await new Promise<void>((resume) => {
        waiting.push({ weight: units, resume });
        drain();
      });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        held -= units;
        drain();
      };
    },
  };
}

/**
 * One token's places: writes first, then reads, in that order for every request so that two
 * mixed batches can never each hold what the other waits for.
 */
export function asanaInFlight(limits: InFlightLoad = ASANA_IN_FLIGHT) {
  const writes = weightedSemaphore(limits.writes);
  const reads = weightedSemaphore(limits.reads);
  return async (load: InFlightLoad): Promise<() => void> => {
    const releaseWrites = await writes.acquire(load.writes);
    const releaseReads = await reads.acquire(load.reads);
    return () => {
      releaseReads();
      releaseWrites();
    };
  };
}
