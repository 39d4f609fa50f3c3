import type { HandoffRecord } from '../../domain/record/record';
import type { Result } from '../../domain/problem';
import { validateRecord } from '../../domain/record/read-record';
import type { DealDraft } from '../../domain/intake/draft';
import { proposeChange } from '../../usecases/change/propose';
import type { App } from '../deps';
import { changeOptions, recordHistory } from '../queue/changes';
import { trackerFor } from '../tracker-for';

/** The provisioned record an upsell belongs to: the project whose record names the same customer and has run. */
export async function provisionedRecordOf(app: App, company: string) {
  const same = (a: string) => a.trim().toLowerCase() === company.trim().toLowerCase();
  for (const entry of await app.store.projects()) {
    const stored = await app.store.loadRecord(entry.projectKey);
    const read = stored ? validateRecord(stored.record) : null;
    if (!read?.ok || !same(read.value.customer.company)) continue;
    const journal = await app.store.loadJournal(entry.projectKey);
    if (journal?.state === 'done' && journal.recordId === read.value.id) return { entry, record: read.value };
  }
  return null;
}

/**
 * The record with the upsell's line items added as promises and as things purchased: what the
 * change request proposes. Promises the record already has (the same line item again) stay as
 * they are; a line item the record's rules refuse is named, never dropped.
 */
export function withUpsell(base: HandoffRecord, draft: DealDraft): Result<HandoffRecord> {
  const have = new Set((base.promises ?? []).map((p) => p.id));
  const incoming = Array.isArray(draft.record.promises) ? draft.record.promises : [];
  const fresh = incoming.filter((p: unknown) => !(isRecord(p) && typeof p.id === 'string' && have.has(p.id)));
  const read = validateRecord({ ...base, promises: [...(base.promises ?? []), ...fresh] });
  if (!read.ok) return read;
  const added = (read.value.promises ?? []).filter((p) => !have.has(p.id));
  const purchased = [...(base.deal?.purchased ?? []), ...added.map((p) => p.title)];
  return { ok: true, value: { ...read.value, ...(base.deal ? { deal: { ...base.deal, purchased } } : {}) } };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

export type UpsellOutcome = { kind: 'proposed'; key: string; projectKey: string } | { kind: 'refused'; reason: string };

/**
 * An upsell on an account already provisioned is a change to that record, not a second record:
 * proposed through the ordinary change control, as the app, to the record's approval owner.
 */
export async function proposeUpsell(
  app: App,
  found: NonNullable<Awaited<ReturnType<typeof provisionedRecordOf>>>,
  draft: DealDraft,
): Promise<UpsellOutcome> {
  const { entry, record } = found;
  const proposed = withUpsell(record, draft);
  if (!proposed.ok)
    return { kind: 'refused', reason: proposed.problems.map((p) => `${p.path} ${p.message}`).join('; ') };
  const actor = { projectKey: entry.projectKey, siteUrl: entry.siteUrl, jira: app.jiraAsApp(), by: 'app' };
  const { tracker, target } = await trackerFor(app, actor);
  const result = await proposeChange(
    tracker,
    { base: record, proposed: proposed.value, target, today: app.today() },
    changeOptions(app, entry.projectKey),
  );
  if (result.kind === 'refused') return { kind: 'refused', reason: result.reason };
  if (result.kind === 'unchanged')
    return { kind: 'refused', reason: 'the upsell adds nothing the record does not have' };
  if (result.kind === 'proposed')
    await recordHistory(
      app,
      entry.projectKey,
      'app',
      'change-proposed',
      `${result.key}: upsell from ${draft.source.crm === 'hubspot' ? 'HubSpot' : 'Salesforce'} deal ` +
        `${draft.source.dealId}, ${result.change.added.length} added`,
    );
  return { kind: 'proposed', key: result.key, projectKey: entry.projectKey };
}
