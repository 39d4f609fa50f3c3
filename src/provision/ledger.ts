import { z } from 'zod';

/**
 * What a provisioning has sent to create and what the tracker answered, written down the
 * moment it happens, somewhere the next run (the next Forge slice, a re-run after a kill, a
 * second machine) reads directly — not through the tracker's search, which lags its writes.
 *
 * `created`: items the tracker said it made, with their ids (passed to the search as
 * `reconcileIssues`, read back with a direct fetch when the search does not show them yet).
 * `pending`: creates that were sent and never answered (a 5xx, a dropped connection, a kill):
 * their items may exist, so they are not sent again until the search can be trusted for them.
 * `changes`: keys of the record's change requests, for the same reason: proposing twice in a
 * row must find the first. `sentAt` is the run's clock, in ms.
 */
export const ledgerState = z.object({
  created: z.array(z.object({ itemId: z.string(), id: z.string(), key: z.string(), sentAt: z.number() })),
  pending: z.array(z.object({ itemIds: z.array(z.string()), sentAt: z.number() })),
  changes: z.array(z.string()).default([]),
});
export type LedgerState = z.infer<typeof ledgerState>;
export type LedgerEntry = LedgerState['created'][number];
export type PendingCreate = LedgerState['pending'][number];

/** One record's ledger in some store. `save` replaces the whole state and resolves once it is durable. */
export interface CreationLedger {
  load(): Promise<LedgerState>;
  save(state: LedgerState): Promise<void>;
}

/** The ledger of a record, where a caller keeps them (a file per record for the CLI, a KVS key in Forge). */
export type LedgerFor = (recordId: string) => CreationLedger;

export const emptyLedger = (): LedgerState => ({ created: [], pending: [], changes: [] });

/** The change requests a record's ledger knows of (none without a ledger). */
export async function knownChanges(ledgers: LedgerFor | undefined, recordId: string): Promise<string[]> {
  return ledgers ? (await ledgers(recordId).load()).changes : [];
}

/** Writes a change request's key down the moment the tracker answers its creation. */
export async function rememberChange(ledgers: LedgerFor | undefined, recordId: string, key: string): Promise<void> {
  if (!ledgers) return;
  const ledger = ledgers(recordId);
  const state = await ledger.load();
  if (!state.changes.includes(key)) await ledger.save({ ...state, changes: [...state.changes, key] });
}

/** A ledger that lives as long as the run: enough within one process, nothing across a kill. */
export function memoryLedger(initial: LedgerState = emptyLedger()): CreationLedger {
  let state = structuredClone(initial);
  return {
    load: async () => structuredClone(state),
    save: async (next) => {
      state = structuredClone(next);
    },
  };
}
