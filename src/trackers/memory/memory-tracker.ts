import type { CreateOutcome, CreateRequest, ExistingItem, HandoffProperty, LinkOutcome, Tracker } from '../../provision/tracker.ts';
import { TrackerError } from '../../provision/tracker-error.ts';

/** An item as the in-memory tracker holds it. */
export type MemoryItem = {
  key: string;
  summary: string;
  assignee: string | null;
  due: string | null;
  parentKey: string | null;
  labels: readonly string[];
  property: HandoffProperty;
  /** Keys this item blocks. */
  blocks: Set<string>;
};

/** Faults a test can switch on: each request draws once from the seeded random source. */
export type MemoryFaults = {
  /** Share of requests answered 429 with Retry-After. */
  rateLimitRate?: number;
  /** Share of requests answered 503 before doing anything. */
  errorRate?: number;
  /** Share of create requests that do their work and then lose the response (ambiguous). */
  lostResponseRate?: number;
};

export type MemoryTrackerOptions = {
  /** People who have accounts: e-mail → account id. */
  people?: Record<string, string>;
  maxBatch?: number;
  faults?: MemoryFaults;
  random?: () => number;
  pageSize?: number;
};

/**
 * A tracker in memory, for tests of the engine and for dry reasoning about plans. It keeps the
 * same promises as the real adapters — one request per call, items found by their property,
 * links idempotent — so the contract suite can hold it to them.
 */
export function createMemoryTracker(options: MemoryTrackerOptions = {}) {
  const items = new Map<string, MemoryItem>();
  const people = new Map(Object.entries(options.people ?? {}));
  const faults: MemoryFaults = { ...options.faults };
  const random = options.random ?? Math.random;
  const pageSize = options.pageSize ?? 100;
  let requests = 0;
  let nextKey = 1;
  const injected = { rateLimited: 0, errors: 0, lostResponses: 0 };

  const request = (operation: string, kind: 'read' | 'create' | 'write') => {
    requests += 1;
    if (random() < (faults.rateLimitRate ?? 0)) {
      injected.rateLimited += 1;
      throw new TrackerError({ tracker: 'memory', operation, status: 429, detail: 'rate limited', retryAfterSeconds: 1 });
    }
    if (random() < (faults.errorRate ?? 0)) {
      injected.errors += 1;
      throw new TrackerError({ tracker: 'memory', operation, status: 503, detail: 'service unavailable' });
    }
    const loseResponse = kind === 'create' && random() < (faults.lostResponseRate ?? 0);
    if (loseResponse) injected.lostResponses += 1;
    return { loseResponse };
  };

  const tracker: Tracker = {
    name: 'memory',
    maxBatch: options.maxBatch ?? 50,
    linkBatch: 10,
    requests: () => requests,
    async findPerson(email) {
      request('findPerson', 'read');
      return people.get(email) ?? null;
    },
    async searchItems(recordId, cursor) {
      request('searchItems', 'read');
      const all = [...items.values()].filter((i) => i.property.recordId === recordId);
      const start = cursor ? Number(cursor) : 0;
      const page: ExistingItem[] = all.slice(start, start + pageSize).map((i) => ({ ...i.property, key: i.key, blocks: [...i.blocks] }));
      return start + pageSize < all.length ? { items: page, cursor: String(start + pageSize) } : { items: page };
    },
    async createItems(batch: readonly CreateRequest[]) {
      if (batch.length > tracker.maxBatch) throw new TrackerError({ tracker: 'memory', operation: 'createItems', status: 400, detail: `at most ${tracker.maxBatch} items a call` });
      const { loseResponse } = request('createItems', 'create');
      const outcomes = batch.map((r): CreateOutcome => create(r));
      if (loseResponse) throw new TrackerError({ tracker: 'memory', operation: 'createItems', status: null, detail: 'connection dropped after the items were created' });
      return outcomes;
    },
    async createLinks(links): Promise<LinkOutcome[]> {
      request('createLinks', 'write');
      return links.flatMap(({ blocked, blockers }) => blockers.map((blocker): LinkOutcome => {
        const from = items.get(blocker);
        if (!from || !items.has(blocked)) return { blocked, blocker, ok: false, error: `no item ${from ? blocked : blocker}` };
        from.blocks.add(blocked);
        return { blocked, blocker, ok: true };
      }));
    },
    itemUrl: (key) => `memory://${key}`,
  };

  function create(r: CreateRequest): CreateOutcome {
    if (r.assigneeAccount && ![...people.values()].includes(r.assigneeAccount)) return { itemId: r.item.itemId, ok: false, error: `[memory] no account ${r.assigneeAccount}` };
    const key = `MEM-${nextKey++}`;
    items.set(key, {
      key, summary: r.item.summary, assignee: r.assigneeAccount, due: r.item.due, parentKey: r.parentKey,
      labels: r.item.labels, property: r.property, blocks: new Set(),
    });
    return { itemId: r.item.itemId, ok: true, key };
  }

  return { tracker, items, faults, people, injected };
}
