import { z } from 'zod';
import { journalSchema, type Journal } from '../queue/journal';
import { listByPrefix, type KvsPort } from './kvs-port';
import { emptyLedger, ledgerState, type CreationLedger } from '../../provision/ledger';
import { failurePages, type FailurePages } from './run-failures';

/**
 * What the app keeps per installation, one record per Jira project:
 *
 *   record:<KEY>              the record (validated when read back) and who saved it when
 *   project:<KEY>             the index of projects with a record, for the scheduled trigger
 *   history:<KEY>:<at>:<id>   one entry per change — separate keys, so concurrent appends never collide
 *   journal:<KEY>             the latest provisioning run: progress and per-item outcome
 *   run-failures:<KEY>:<run>:<n>  that run's failures with Jira's reasons, in pages (run-failures.ts)
 *   ledger:<KEY>:<recordId>   what provisioning sent to create and the keys Jira answered, saved the
 *                             moment it answers: every later slice and run reads it, not Jira's lagging search
 *   change-seal:<KEY>:<issue> the digest of what a change request was proposed with (change-seals.ts)
 *
 * Beside these: locks and slice claims (lock.ts, slice-claim.ts), background jobs and their
 * result pages (queue/job-store.ts), permission answers kept a minute (`rights:`,
 * jira/permission-cache.ts) and what a kickoff last said (`kickoff-said:`,
 * triggers/kickoff-notice.ts). Keys use only `[A-Za-z0-9:._-]`, as KVS requires. No value
 * grows with the number of failures or history entries: those are separate keys. The record
 * is guarded at 240 KiB (records.ts), and the journal's lists of items made grow with the
 * record's items, which that guard bounds.
 */
const storedRecord = z.object({ record: z.unknown(), savedAt: z.string(), savedBy: z.string() });
export type StoredRecord = z.infer<typeof storedRecord>;

/** `siteUrl` (from the resolver context) is where links in comments point: triggers have no other way to know it. */
const projectEntry = z.object({ projectKey: z.string(), recordId: z.string(), siteUrl: z.url() });
export type ProjectEntry = z.infer<typeof projectEntry>;

export const HISTORY_ACTIONS = [
  'saved',
  'signed-off',
  'provisioning-started',
  'provisioned',
  'provisioning-failed',
  'kickoff-not-yet',
  'change-proposed',
  'change-approved',
  'change-rejected',
  'change-applied',
  'change-refused',
  'owner-transferred',
] as const;
const historyEntry = z.object({ at: z.string(), by: z.string(), action: z.enum(HISTORY_ACTIONS), summary: z.string() });
export type HistoryEntry = z.infer<typeof historyEntry>;
/** The newest entries of a history (oldest first) and how many there are in all. */
export type HistoryPage = { entries: HistoryEntry[]; total: number };

export type HandoffStore = ReturnType<typeof createHandoffStore>;

export function createHandoffStore(kvs: KvsPort, newId: () => string) {
  return {
    async loadRecord(projectKey: string): Promise<StoredRecord | null> {
      return parsed(storedRecord, await kvs.get(`record:${projectKey}`));
    },

    /** The record and the index entry the scheduled trigger walks. */
    async saveRecord(projectKey: string, entry: StoredRecord & { recordId: string; siteUrl: string }): Promise<void> {
      await kvs.set(`record:${projectKey}`, { record: entry.record, savedAt: entry.savedAt, savedBy: entry.savedBy });
      await kvs.set(`project:${projectKey}`, { projectKey, recordId: entry.recordId, siteUrl: entry.siteUrl });
    },

    async project(projectKey: string): Promise<ProjectEntry | null> {
      return parsed(projectEntry, await kvs.get(`project:${projectKey}`));
    },

    async projects(): Promise<ProjectEntry[]> {
      return (await listByPrefix(kvs, 'project:')).flatMap((e) => parsed(projectEntry, e.value) ?? []);
    },

    async appendHistory(projectKey: string, entry: HistoryEntry): Promise<void> {
      // ISO timestamps sort as text, so the key order is the order things happened.
      await kvs.set(`history:${projectKey}:${entry.at}:${newId()}`, entry);
    },

    /** The newest `newest` entries: a history only grows, and an answer to the panel must not. */
    async history(projectKey: string, newest: number): Promise<HistoryPage> {
      const entries = await listByPrefix(kvs, `history:${projectKey}:`);
      const kept = entries
        .sort((a, b) => a.key.localeCompare(b.key))
        .flatMap((e) => parsed(historyEntry, e.value) ?? []);
      return { entries: kept.slice(-newest), total: kept.length };
    },

    async loadJournal(projectKey: string): Promise<Journal | null> {
      return parsed(journalSchema, await kvs.get(`journal:${projectKey}`));
    },

    async saveJournal(projectKey: string, journal: Journal): Promise<void> {
      await kvs.set(`journal:${projectKey}`, journal);
    },

    /** A new run's journal replaces the last run's, whose failure pages go with it. */
    async startJournal(projectKey: string, journal: Journal): Promise<void> {
      const previous = parsed(journalSchema, await kvs.get(`journal:${projectKey}`));
      await kvs.set(`journal:${projectKey}`, journal);
      if (previous) await failurePages(kvs, projectKey, previous.runId).remove(previous.failurePages);
    },

    failures(projectKey: string, runId: string): FailurePages {
      return failurePages(kvs, projectKey, runId);
    },

    ledger(projectKey: string, recordId: string): CreationLedger {
      const key = `ledger:${projectKey}:${recordId}`;
      return {
        load: async () => parsed(ledgerState, await kvs.get(key)) ?? emptyLedger(),
        save: (state) => kvs.set(key, state),
      };
    },
  };
}

/** A stored value that no longer has its shape reads as absent rather than crashing a handler. */
function parsed<T extends z.ZodType>(schema: T, value: unknown): z.output<T> | null {
  const result = schema.safeParse(value);
  return result.success ? result.data : null;
}
