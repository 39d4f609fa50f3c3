import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { CrmName } from '../../domain/intake/crm-deal';
import { intakeMapping, type IntakeMapping } from '../../domain/intake/mapping';
import type { EmptyStreaks } from '../../domain/intake/field-drift';
import type { DealDraft } from '../../domain/intake/draft';
import { listByPrefix, type KvsPort } from '../storage/kvs-port';
import { createOnce } from '../storage/lock';

/**
 * What the intake keeps (beside storage.ts's keys; CRM ids are hashed into keys, which allow only
 * `[A-Za-z0-9:._-]`):
 *
 *   intake-raw:<deal>:<changedAt>  the request body as the CRM signed it, before anything reads it
 *   intake-seen:<event>            one closed-won event (CRM, portal or org, deal, close day), written once
 *   intake-deal:<deal>             the newest change time seen of a deal: an older event changes nothing
 *   intake-draft:<recordId>        a draft waiting in the inbox, with where each value came from
 *   intake-streaks:<crm>:<project> mapped fields empty on deals in a row (the renamed-field warning)
 *   intake-mapping:<project>       a project's mapping, set by its admin on the settings page, and the site it is on
 *   intake-mapping                 the one installation-wide mapping of earlier versions: left where it is and
 *                                  read as the fallback for a deal no project's mapping claims (routing.ts)
 */
const DEDUPE_TTL = { value: 30, unit: 'DAYS' } as const;

export type IntakeEvent = { crm: CrmName; tenant: string; dealId: string; closedOn?: string; changedAt: number };

const digest = (parts: readonly string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex');
export const dealKey = (e: Pick<IntakeEvent, 'crm' | 'tenant' | 'dealId'>) => digest([e.crm, e.tenant, e.dealId]);
export const eventKey = (e: IntakeEvent) => digest([e.crm, e.tenant, e.dealId, e.closedOn ?? '']);

const storedRaw = z.object({ crm: z.enum(['hubspot', 'salesforce']), body: z.string(), receivedAt: z.string() });
export type StoredRaw = z.infer<typeof storedRaw>;

const storedDraft = z.object({
  recordId: z.string(),
  receivedAt: z.string(),
  /** The project the mapping sends the deal to, when it names one. */
  projectKey: z.string().nullable(),
  draft: z.custom<DealDraft>((v) => typeof v === 'object' && v !== null && 'record' in v && 'source' in v),
  /** The stored body the draft was made from: a queue retry of the same body only redoes the write-back. */
  rawKey: z.string().optional(),
  /** Whether the handoff's link reached the deal, and if not, why and which setting fixes it. */
  writeBack: z
    .discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), url: z.string() }),
      z.object({ ok: z.literal(false), reason: z.string() }),
    ])
    .optional(),
});
export type StoredDraft = z.infer<typeof storedDraft>;

const storedMapping = z.object({ mapping: intakeMapping, siteUrl: z.string() });
/** A project's mapping and the Jira site it was saved on, where the handoff's link written back to a deal points. */
export type StoredMapping = z.infer<typeof storedMapping> & { projectKey: string };
/** Streaks are per project: each project's mapping names its own fields; `-` is the deals no project claims. */
const streaksKey = (crm: CrmName, projectKey: string | null) => `intake-streaks:${crm}:${projectKey ?? '-'}`;

export type IntakeStore = ReturnType<typeof createIntakeStore>;

export function createIntakeStore(kvs: KvsPort) {
  const parsed = <T extends z.ZodType>(schema: T, value: unknown): z.output<T> | null => {
    const result = schema.safeParse(value);
    return result.success ? result.data : null;
  };
  return {
    async saveRaw(event: IntakeEvent, raw: StoredRaw): Promise<string> {
      const key = `intake-raw:${dealKey(event)}:${event.changedAt}`;
      await kvs.set(key, raw);
      return key;
    },
    async raw(key: string): Promise<StoredRaw | null> {
      return parsed(storedRaw, await kvs.get(key));
    },
    /** True the first time this closed-won event is seen; kept 30 days, past HubSpot's 3 days of retries. */
    firstSighting: (event: IntakeEvent) =>
      createOnce(kvs, `intake-seen:${eventKey(event)}`, { at: event.changedAt }, DEDUPE_TTL),
    /** Forgets a sighting whose event could not be queued, so the CRM's retry is not taken for a duplicate. */
    forgetSighting: (event: IntakeEvent) => kvs.delete(`intake-seen:${eventKey(event)}`),
    async newestChange(event: IntakeEvent): Promise<number | null> {
      return (
        parsed(z.object({ changedAt: z.number() }), await kvs.get(`intake-deal:${dealKey(event)}`))?.changedAt ?? null
      );
    },
    async noteChange(event: IntakeEvent): Promise<void> {
      await kvs.set(`intake-deal:${dealKey(event)}`, { changedAt: event.changedAt });
    },
    async saveDraft(draft: StoredDraft): Promise<void> {
      await kvs.set(`intake-draft:${draft.recordId}`, draft);
    },
    async drafts(): Promise<StoredDraft[]> {
      const entries = await listByPrefix(kvs, 'intake-draft:');
      return entries.flatMap((e) => parsed(storedDraft, e.value) ?? []);
    },
    async draft(recordId: string): Promise<StoredDraft | null> {
      return parsed(storedDraft, await kvs.get(`intake-draft:${recordId}`));
    },
    async removeDraft(recordId: string): Promise<void> {
      await kvs.delete(`intake-draft:${recordId}`);
    },
    async streaks(crm: CrmName, projectKey: string | null): Promise<EmptyStreaks> {
      return parsed(z.record(z.string(), z.number()), await kvs.get(streaksKey(crm, projectKey))) ?? {};
    },
    async saveStreaks(crm: CrmName, projectKey: string | null, streaks: EmptyStreaks): Promise<void> {
      await kvs.set(streaksKey(crm, projectKey), streaks);
    },
    async projectMappings(): Promise<StoredMapping[]> {
      const entries = await listByPrefix(kvs, 'intake-mapping:');
      return entries.flatMap((e) => {
        const value = parsed(storedMapping, e.value);
        return value ? [{ ...value, projectKey: e.key.slice('intake-mapping:'.length) }] : [];
      });
    },
    async projectMapping(projectKey: string): Promise<StoredMapping | null> {
      const value = parsed(storedMapping, await kvs.get(`intake-mapping:${projectKey}`));
      return value ? { ...value, projectKey } : null;
    },
    async saveProjectMapping(projectKey: string, mapping: IntakeMapping, siteUrl: string): Promise<void> {
      await kvs.set(`intake-mapping:${projectKey}`, { mapping, siteUrl });
    },
    /** The installation-wide mapping an earlier version stored, if any. */
    async legacyMapping(): Promise<IntakeMapping | null> {
      return parsed(intakeMapping, await kvs.get('intake-mapping'));
    },
  };
}
