import { itemIdOf } from '../domain/plan/plan-items';
import { emptyLedger, type LedgerFor, type LedgerState } from './ledger';
import type { Sender } from './retry';
import type { ExistingItem, ProvisioningTracker } from './tracker';

/*
 * Finding what exists of a record, in one place for the engine and every use case: the
 * tracker's search lags its writes, so the search is reconciled with, and completed by, what
 * the ledgers hold.
 */

/** Jira reconciles at most this many issue ids per search request. */
const RECONCILE_MAX = 50;

/**
 * Every item of a record the tracker holds, by item id, page after page, through its search.
 * `reconcile`: ids the search must show even if its index lags (see `searchItems`).
 */
export async function searchAll(
  tracker: ProvisioningTracker,
  recordId: string,
  send: Sender,
  reconcile: readonly string[] = [],
): Promise<Map<string, ExistingItem>> {
  const found = new Map<string, ExistingItem>();
  let cursor: string | undefined;
  do {
    const page = await send(() => tracker.searchItems(recordId, cursor, reconcile), 'read');
    for (const item of page.items) if (!found.has(item.itemId)) found.set(item.itemId, item);
    cursor = page.cursor;
  } while (cursor);
  return found;
}

/**
 * What exists of a record: the search, reconciled with the newest ids the ledger holds, plus
 * a direct read of every other id it holds that the search does not show yet. Every use case
 * that reads a record's items reads them here, so none is fooled by the search's lag.
 */
export async function findItems(
  tracker: ProvisioningTracker,
  recordId: string,
  send: Sender,
  ledger?: LedgerFor,
): Promise<Map<string, ExistingItem>> {
  return findRecorded(tracker, recordId, send, ledger ? await ledger(recordId).load() : emptyLedger());
}

export async function findRecorded(
  tracker: ProvisioningTracker,
  recordId: string,
  send: Sender,
  state: LedgerState,
): Promise<Map<string, ExistingItem>> {
  const recorded = state.created;
  const newest = recorded.slice(-RECONCILE_MAX).map((e) => e.id);
  const found = await searchAll(tracker, recordId, send, newest);
  const fetchUnseen = async (ids: readonly string[]) => {
    const shown = new Set([...found.values()].map((i) => i.id));
    const unseen = [...new Set(ids.filter((id) => !shown.has(id)))];
    for (let i = 0; i < unseen.length; i += tracker.fetchBatch) {
      const batch = unseen.slice(i, i + tracker.fetchBatch);
      for (const item of await send(() => tracker.fetchItems(recordId, batch), 'read'))
        if (!found.has(item.itemId)) found.set(item.itemId, item);
    }
  };
  await fetchUnseen(recorded.map((e) => e.id));
  // What runs elsewhere created, kept on the parent itself (another machine's ledger).
  const parent = found.get(itemIdOf(recordId, 'parent', recordId));
  const mirror = tracker.ledgerMirror;
  if (parent && mirror) await fetchUnseen(await send(() => mirror.read(parent.key), 'read'));
  return found;
}
