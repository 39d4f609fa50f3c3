import type { CreateRequest } from '../../src/provision/tracker';
import type { Tracker } from '../../src/provision/change-tracker';

/**
 * A live tracker as the contract suite uses it. Two things differ from the emulators:
 * - people: the suite's made-up e-mails have no account on a real site, and the suite may not
 *   invite anyone, so every person it "adds" is the token's own account;
 * - cleanup: everything created is remembered (keys, and the record ids to search again), so
 *   the run can delete it afterwards.
 */
export function liveTracker(tracker: Tracker, self: string) {
  const standIns = new Set<string>();
  const keys = new Set<string>();
  const recordIds = new Set<string>();

  const createItems = async (requests: readonly CreateRequest[]) => {
    for (const request of requests) recordIds.add(request.property.recordId);
    const outcomes = await tracker.createItems(requests);
    for (const outcome of outcomes) if (outcome.ok) keys.add(outcome.key);
    return outcomes;
  };

  const wrapped: Tracker = {
    ...tracker,
    requests: () => tracker.requests(),
    itemUrl: (key) => tracker.itemUrl(key),
    // A stand-in is answered without a request: the real account may hide its e-mail from search.
    findPerson: async (email) => (standIns.has(email.toLowerCase()) ? self : tracker.findPerson(email)),
    createItems,
  };

  return {
    tracker: wrapped,
    /** The contract's "give this e-mail an account": from now on it is the token's own account. */
    addPerson(email: string): string {
      standIns.add(email.toLowerCase());
      return self;
    },
    /** Every key created, plus every key the tracker's own search still finds for the run's records. */
    async created(): Promise<Set<string>> {
      const all = new Set(keys);
      for (const recordId of recordIds) {
        let cursor: string | undefined;
        do {
          const page = await tracker.searchItems(recordId, cursor);
          for (const item of page.items) all.add(item.key);
          cursor = page.cursor;
        } while (cursor);
      }
      return all;
    },
    recordIds: () => [...recordIds],
  };
}

/** The harness parts a live tracker cannot offer: the cases that use them are skipped on live. */
export const notOnLive = (what: string) => async (): Promise<never> => {
  throw new Error(`${what} needs an emulator; the live suite skips the cases that use it`);
};

/** A JSON client for the suite's own reads and cleanup; `ok` lists the statuses that are not errors. */
export function jsonClient(base: string, authorization: string, wrap: (body: unknown) => unknown = (b) => b) {
  return async (method: string, path: string, body?: unknown, ok: readonly number[] = []): Promise<unknown> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization, accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(wrap(body)),
    });
    if (!response.ok && !ok.includes(response.status))
      throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    const text = await response.text();
    return text === '' ? undefined : JSON.parse(text);
  };
}
