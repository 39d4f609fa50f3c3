import { z } from 'zod';
import { CRM_LABEL, type CrmName } from '../../domain/intake/crm-deal';
import { draftGate } from '../../domain/intake/draft-gate';
import type { Origin } from '../../domain/intake/draft';
import { driftWarnings } from '../../domain/intake/field-drift';
import { DEFAULT_MAPPING, intakeMapping, type IntakeMapping } from '../../domain/intake/mapping';
import type { Problem } from '../../domain/problem';
import { createJiraClient } from '../../trackers/jira/jira-client';
import { jiraPath } from '../../trackers/jira/jira-path';
import { withRetry } from '../../provision/retry';
import { jiraProjectKey } from '../../domain/record/jira-keys';
import type { App } from '../deps';
import { HandoffError, type ResolverResult } from '../errors';
import { emptyPayload, type EmptyPayload } from '../resolvers/payloads';
import { defineHandler, type Caller } from '../resolvers/resolver-kit';
import { createIntakeStore, type StoredDraft } from './intake-store';

/** A draft as the inbox lists it: where it came from and how far it is from "go". */
export type InboxEntry = {
  recordId: string;
  title: string;
  crm: CrmName;
  dealId: string;
  dealUrl: string | null;
  receivedAt: string;
  kind: 'new' | 'upsell';
  blockers: number;
};
/** Drafts waiting for this project, newest first, and the renamed-field warnings. */
export type InboxView = { drafts: InboxEntry[]; warnings: string[]; mapping: IntakeMapping; mayEditMapping: boolean };
/** One draft opened: the record as far as the deal gave it, where each value came from, and the gate. */
export type DraftView = { entry: InboxEntry; record: Record<string, unknown>; origins: Origin[]; blockers: Problem[] };

/** As every payload of the page: a `projectKey` is accepted only as the page's own (resolver-kit.ts). */
const project = { projectKey: jiraProjectKey.optional() };
// A draft's id is what recordIdOf makes (`hubspot-9876543210`): refused otherwise before it can become a KVS key.
const draftPayload = z.strictObject({
  ...project,
  recordId: z.string().regex(/^[a-z0-9-]{1,64}$/, 'a draft id such as hubspot-9876543210'),
});
const mappingPayload = z.strictObject({ ...project, mapping: intakeMapping });

export type IntakeDefinitions = {
  intakeInbox: (payload: EmptyPayload) => ResolverResult<InboxView>;
  openDraft: (payload: z.input<typeof draftPayload>) => ResolverResult<DraftView>;
  dismissDraft: (payload: z.input<typeof draftPayload>) => ResolverResult<{ recordId: string }>;
  saveIntakeMapping: (payload: z.input<typeof mappingPayload>) => ResolverResult<{ mapping: IntakeMapping }>;
};

/**
 * The inbox of drafts the CRMs started. Anyone who may use the page sees and opens this project's
 * drafts (and those the mapping sends to no project in particular); opening one shows the lead
 * what came from where, and the lead completes it in the ordinary editor, where the ordinary gate
 * applies. Only a project admin (Jira's Administer Projects) sets the mapping.
 */
export function intakeResolvers(app: App) {
  const store = createIntakeStore(app.kvs);
  const mine = (caller: Caller, d: StoredDraft) => d.projectKey === null || d.projectKey === caller.projectKey;
  const entryOf = (d: StoredDraft): InboxEntry => ({
    recordId: d.recordId,
    title:
      typeof d.draft.record.title === 'string'
        ? d.draft.record.title
        : `${CRM_LABEL[d.draft.source.crm]} deal ${d.draft.source.dealId}`,
    crm: d.draft.source.crm,
    dealId: d.draft.source.dealId,
    dealUrl: d.draft.source.url ?? null,
    receivedAt: d.receivedAt,
    kind: d.draft.kind,
    blockers: draftGate(d.draft, app.today()).blockers.length,
  });
  async function ownDraft(caller: Caller, recordId: string): Promise<StoredDraft> {
    const draft = await store.draft(recordId);
    if (!draft || !mine(caller, draft))
      throw new HandoffError('NOT_FOUND', `No draft ${recordId} waits in ${caller.projectKey}'s inbox.`);
    return draft;
  }

  return {
    intakeInbox: defineHandler(app, emptyPayload, async (_, caller): Promise<InboxView> => {
      const drafts = (await store.drafts())
        .filter((d) => mine(caller, d))
        .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
      const crms: CrmName[] = ['hubspot', 'salesforce'];
      const warnings = (
        await Promise.all(crms.map(async (crm) => driftWarnings(await store.streaks(crm), CRM_LABEL[crm])))
      ).flat();
      return {
        drafts: drafts.map(entryOf),
        warnings,
        mapping: (await store.mapping()) ?? DEFAULT_MAPPING,
        mayEditMapping: await isProjectAdmin(caller),
      };
    }),
    openDraft: defineHandler(app, draftPayload, async ({ recordId }, caller): Promise<DraftView> => {
      const stored = await ownDraft(caller, recordId);
      return {
        entry: entryOf(stored),
        record: stored.draft.record,
        origins: stored.draft.origins,
        blockers: draftGate(stored.draft, app.today()).blockers,
      };
    }),
    /** Once the lead has saved the record the draft started (or decided it is not one), it leaves the inbox. */
    dismissDraft: defineHandler(app, draftPayload, async ({ recordId }, caller) => {
      await ownDraft(caller, recordId);
      await store.removeDraft(recordId);
      return { recordId };
    }),
    saveIntakeMapping: defineHandler(app, mappingPayload, async ({ mapping }, caller) => {
      if (!(await isProjectAdmin(caller)))
        throw new HandoffError(
          'FORBIDDEN',
          `Only an administrator of ${caller.projectKey} (Administer Projects in Jira) can change the intake mapping.`,
        );
      await store.saveMapping(mapping);
      return { mapping };
    }),
  };
}

const adminAnswer = z.object({
  permissions: z.object({ ADMINISTER_PROJECTS: z.object({ havePermission: z.boolean() }).optional() }),
});

/** Jira's own answer, as the caller: may they administer this project? */
async function isProjectAdmin(caller: Caller): Promise<boolean> {
  const client = createJiraClient(caller.jira);
  const call = await withRetry(
    () =>
      client.send(
        'GET',
        jiraPath`/rest/api/3/mypermissions?projectKey=${caller.projectKey}&permissions=ADMINISTER_PROJECTS`,
        undefined,
        [200, 404],
      ),
    'read',
    caller.policy,
  );
  if (call.status === 404) return false;
  return (
    client.read(adminAnswer, call, 'GET /rest/api/3/mypermissions').permissions.ADMINISTER_PROJECTS?.havePermission ===
    true
  );
}
