import { readRecord, validateRecord } from '../../domain/record/read-record';
import type { HandoffRecord } from '../../domain/record/record';
import type { App } from '../deps';
import { HandoffError } from '../errors';
import type { z } from 'zod';
import type { recordPayload } from './payloads';
import type { HandoffStore, HistoryEntry } from '../storage/storage';
import { counted } from '../../domain/words';

/** A record from the panel, as text (YAML or JSON, problems with line and column) or as an object. */
export function recordFrom(payload: z.output<typeof recordPayload>): HandoffRecord {
  const result = payload.text !== undefined ? readRecord(payload.text) : validateRecord(payload.record);
  if (!result.ok)
    throw new HandoffError(
      'INVALID_RECORD',
      `The record has ${counted(result.problems.length, 'problem')}; each names its field.`,
      result.problems,
    );
  return result.value;
}

/**
 * The project's stored record, validated again on the way out: storage outlives schema
 * versions, and a record that no longer validates is reported, never used.
 */
export async function loadValidRecord(store: HandoffStore, projectKey: string): Promise<HandoffRecord> {
  const stored = await store.loadRecord(projectKey);
  if (!stored) throw new HandoffError('NOT_FOUND', `No handoff record is saved for project ${projectKey} yet.`);
  const result = validateRecord(stored.record);
  if (!result.ok)
    throw new HandoffError(
      'INVALID_RECORD',
      'The saved record no longer validates; open it, fix the fields listed and save it again.',
      result.problems,
    );
  return result.value;
}

/** Forge storage holds at most 240 KiB a value; the record's entry also carries who saved it when. */
const MAX_RECORD_BYTES = 240 * 1024 - 512;

/** Every save goes with a history entry: who (accountId), when, what. */
export async function saveRecord(
  app: App,
  who: { projectKey: string; accountId: string; siteUrl: string },
  record: HandoffRecord,
  action: HistoryEntry['action'],
  summary: string,
): Promise<HistoryEntry> {
  // Said before storage refuses it, which would answer "failed unexpectedly, try again".
  const bytes = Buffer.byteLength(JSON.stringify(record));
  if (bytes > MAX_RECORD_BYTES)
    throw new HandoffError(
      'BAD_REQUEST',
      `The record is ${Math.ceil(bytes / 1024)} KiB; Forge storage keeps at most ` +
        `${Math.floor(MAX_RECORD_BYTES / 1024)} KiB per record. Shorten its longest texts or split the handoff.`,
    );
  const at = new Date(app.now()).toISOString();
  await app.store.saveRecord(who.projectKey, {
    record,
    savedAt: at,
    savedBy: who.accountId,
    recordId: record.id,
    siteUrl: who.siteUrl,
  });
  const entry: HistoryEntry = { at, by: who.accountId, action, summary };
  await app.store.appendHistory(who.projectKey, entry);
  return entry;
}

/** One line about a record, for the history. */
export function describeRecord(record: HandoffRecord): string {
  const count = (list: readonly unknown[] | undefined, noun: string, plural?: string) =>
    counted(list?.length ?? 0, noun, plural);
  return (
    `"${record.title}" (${record.id}): ` +
    [
      count(record.promises, 'promise'),
      count(record.dependencies, 'dependency', 'dependencies'),
      count(record.risks, 'risk'),
      count(record.questions, 'question'),
    ].join(', ')
  );
}
