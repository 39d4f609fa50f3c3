import { toPlainText } from '../../../src/domain/rich-text';
import type { Account } from '../../../src/provision/change-types';
import type { FieldRefusal } from '../../../src/domain/gate/gate';
import type {
  CreateOutcome,
  CreateRequest,
  ExistingItem,
  LinkOutcome,
  LinkRequest,
} from '../../../src/provision/tracker';
import type { Tracker } from '../../../src/provision/change-tracker';
import { TrackerError } from '../../../src/provision/tracker-error';
import { memoryChanges } from './memory-changes';
import { memoryClaims } from './memory-claims';
import { countRequest, newKey, notFound, type MemoryFaults, type MemoryItem, type MemoryState } from './memory-state';

export type { MemoryItem, MemoryFaults } from './memory-state';

export type MemoryTrackerOptions = {
  /** People who have accounts: e-mail → account id. */
  people?: Record<string, string>;
  maxBatch?: number;
  faults?: MemoryFaults;
  random?: () => number;
  pageSize?: number;
  /** The tracker's clock, which the search lag counts on (default: real time). */
  clock?: () => number;
  /** What its preflight answers: the project settings of a tracker that refuses fields (none unless given). */
  refusals?: FieldRefusal[];
};

/** Whom a tracker made without `as` acts as. */
export const MEMORY_ADMIN: Account = { account: 'acct-admin', name: 'Memory Admin' };

/**
 * A tracker in memory, for tests of the engine and for dry reasoning about plans. It keeps the
 * same promises as the real adapters — one request per call, items found by their property,
 * links idempotent — so the contract suite can hold it to them. `as(account)` is the same
 * tracker acting as someone else (an approval by the wrong person).
 */
export function createMemoryTracker(options: MemoryTrackerOptions = {}) {
  const state: MemoryState = {
    items: new Map(),
    changes: new Map(),
    claims: new Map(),
    people: new Map(Object.entries(options.people ?? {})),
    faults: { ...options.faults },
    injected: { rateLimited: 0, errors: 0, lostResponses: 0 },
    requests: 0,
    nextKey: 1,
    random: options.random ?? Math.random,
    now: () => new Date().toISOString(),
  };
  const pageSize = options.pageSize ?? 100;
  const clock = options.clock ?? Date.now;
  const maxBatch = options.maxBatch ?? 50;
  const request = (operation: string, kind: 'read' | 'create' | 'write') => countRequest(state, operation, kind);
  const item = (operation: string, key: string): MemoryItem => {
    const found = state.items.get(key);
    if (!found) throw notFound(operation, key);
    return found;
  };

  function trackerAs(actor: Account): Tracker {
    const tracker: Tracker = {
      name: 'memory',
      maxBatch,
      linkBatch: 10,
      linkConcurrency: 16,
      createConcurrency: 4,
      requests: () => state.requests,
      itemUrl: (key) => `memory://${key}`,
      async preflight() {
        request('preflight', 'read');
        return [...(options.refusals ?? [])];
      },
      async findPerson(email) {
        request('findPerson', 'read');
        return state.people.get(email) ?? null;
      },
      fetchBatch: 100,
      async searchItems(recordId, cursor, reconcile = []) {
        request('searchItems', 'read');
        const indexedBefore = clock() - (state.faults.searchLagMs ?? 0);
        const all = [...state.items.values()].filter(
          (i) => i.property.recordId === recordId && (i.createdAt <= indexedBefore || reconcile.includes(i.key)),
        );
        const start = cursor ? Number(cursor) : 0;
        const page = all.slice(start, start + pageSize).map((i) => existing(state, i));
        return start + pageSize < all.length ? { items: page, cursor: String(start + pageSize) } : { items: page };
      },
      async fetchItems(recordId, ids) {
        request('fetchItems', 'read');
        return ids.flatMap((id) => {
          const found = state.items.get(id);
          return found?.property.recordId === recordId ? [existing(state, found)] : [];
        });
      },
      async createItems(batch: readonly CreateRequest[]) {
        if (batch.length > maxBatch)
          throw new TrackerError({
            tracker: 'memory',
            operation: 'createItems',
            status: 400,
            detail: `at most ${maxBatch} items a call`,
          });
        const { loseResponse } = request('createItems', 'create');
        const outcomes = batch.map((r): CreateOutcome => create(r));
        if (loseResponse)
          throw new TrackerError({
            tracker: 'memory',
            operation: 'createItems',
            status: null,
            detail: 'connection dropped after the items were created',
          });
        return outcomes;
      },
      async createLinks(links) {
        request('createLinks', 'write');
        return link(links, (from, blocked) => from.blocks.add(blocked));
      },
      async removeLinks(links) {
        request('removeLinks', 'write');
        return link(links, (from, blocked) => from.blocks.delete(blocked));
      },
      async updateItem(update) {
        request('updateItem', 'write');
        const target = item('updateItem', update.key);
        if (update.assigneeAccount && ![...state.people.values()].includes(update.assigneeAccount))
          throw new TrackerError({
            tracker: 'memory',
            operation: 'updateItem',
            status: 400,
            detail: `no account ${update.assigneeAccount}`,
          });
        if (update.summary !== undefined) target.summary = update.summary;
        if (update.due !== undefined) target.due = update.due;
        if (update.assigneeAccount !== undefined) target.assignee = update.assigneeAccount;
        if (update.descoped !== undefined)
          target.labels = [...target.labels.filter((l) => l !== 'descoped'), ...(update.descoped ? ['descoped'] : [])];
        if (update.comment) target.comments.push(update.comment);
      },
      async comment(key, body) {
        request('comment', 'write');
        (state.items.get(key) ?? state.changes.get(key) ?? item('comment', key)).comments.push(body);
      },
      async linkRelated(from, to) {
        request('linkRelated', 'write');
        const source = state.items.get(from) ?? state.changes.get(from) ?? item('linkRelated', from);
        for (const key of to) source.related.add(key);
      },
      async readTrail(key) {
        request('readTrail', 'read');
        const source = state.items.get(key) ?? state.changes.get(key) ?? item('readTrail', key);
        return { related: [...source.related], comments: source.comments.map(toPlainText) };
      },
      async currentAccount() {
        request('currentAccount', 'read');
        return actor;
      },
      ...memoryChanges(state, actor, request),
      claims: memoryClaims(state, request),
    };
    return tracker;
  }

  function link(links: readonly LinkRequest[], change: (from: MemoryItem, blocked: string) => void): LinkOutcome[] {
    return links.flatMap(({ blocked, blockers }) =>
      blockers.map((blocker): LinkOutcome => {
        const from = state.items.get(blocker);
        if (!from || !state.items.has(blocked))
          return { blocked, blocker, ok: false, error: `[memory] no item ${from ? blocked : blocker}` };
        change(from, blocked);
        return { blocked, blocker, ok: true };
      }),
    );
  }

  function create(r: CreateRequest): CreateOutcome {
    if (r.assigneeAccount && ![...state.people.values()].includes(r.assigneeAccount))
      return { itemId: r.item.itemId, ok: false, error: `[memory] no account ${r.assigneeAccount}` };
    const key = newKey(state);
    state.items.set(key, {
      key,
      summary: r.item.summary,
      assignee: r.assigneeAccount,
      due: r.item.due,
      parentKey: r.parentKey,
      labels: [...r.item.labels],
      property: r.property,
      blocks: new Set(),
      done: false,
      comments: [],
      related: new Set(),
      createdAt: clock(),
    });
    return { itemId: r.item.itemId, ok: true, id: key, key };
  }

  const tracker = trackerAs(MEMORY_ADMIN);
  return {
    tracker,
    as: trackerAs,
    items: state.items,
    changes: state.changes,
    claims: state.claims,
    faults: state.faults,
    people: state.people,
    injected: state.injected,
  };
}

function existing(state: MemoryState, i: MemoryItem): ExistingItem {
  const email = [...state.people].find(([, account]) => account === i.assignee)?.[0] ?? null;
  return {
    ...i.property,
    id: i.key,
    key: i.key,
    blocks: [...i.blocks],
    state: {
      summary: i.summary,
      assignee: i.assignee ? { account: i.assignee, email } : null,
      due: i.due,
      done: i.done,
      descoped: i.labels.includes('descoped'),
    },
  };
}
