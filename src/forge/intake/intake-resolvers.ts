import { z } from 'zod';
import { CRM_LABEL, type CrmName } from '../../domain/intake/crm-deal';
import { draftGate } from '../../domain/intake/draft-gate';
import type { Origin } from '../../domain/intake/draft';
import { driftByField, driftWarnings } from '../../domain/intake/field-drift';
import { intakeMapping, mappingFor, type CrmMapping, type IntakeMapping } from '../../domain/intake/mapping';
import { mappingProblems } from '../../domain/intake/routing';
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
  /** Claimed by no project's mapping: shown to project admins only, so one of them routes it or removes it. */
  unrouted: boolean;
  /** Why the handoff's link is not on the deal (and the setting that fixes it); null once written or not tried. */
  linkNotWritten: string | null;
};
/** Drafts waiting for this project (and, for its admins, the unrouted ones), newest first, and field warnings. */
export type InboxView = { drafts: InboxEntry[]; warnings: string[] };
/**
 * The project's mapping as the settings page edits it: every CRM filled in (the project's own,
 * else the installation-wide one of earlier versions, else the CRMs' defaults — `from` says which),
 * and the renamed-field warnings by CRM and field name, to show beside the field.
 */
export type IntakeMappingView = {
  mapping: Record<CrmName, CrmMapping>;
  saved: Record<CrmName, boolean>;
  from: 'project' | 'installation' | 'defaults';
  mayEdit: boolean;
  drift: Record<CrmName, Record<string, string>>;
};
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
export type IntakeMappingPayload = z.input<typeof mappingPayload>;

export type IntakeDefinitions = {
  intakeInbox: (payload: EmptyPayload) => ResolverResult<InboxView>;
  openDraft: (payload: z.input<typeof draftPayload>) => ResolverResult<DraftView>;
  dismissDraft: (payload: z.input<typeof draftPayload>) => ResolverResult<{ recordId: string }>;
  intakeMapping: (payload: EmptyPayload) => ResolverResult<IntakeMappingView>;
  saveIntakeMapping: (payload: z.input<typeof mappingPayload>) => ResolverResult<IntakeMappingView>;
};

/**
 * The inbox of drafts the CRMs started. Anyone who may use the page sees and opens this project's
 * drafts; a project admin also sees the drafts no project's mapping claims (so someone can route
 * or remove them). Opening one shows the lead what came from where, and the lead completes it in
 * the ordinary editor, where the ordinary gate applies. Only a project admin (Jira's Administer
 * Projects) sets the project's mapping, on the settings page.
 */
export function intakeResolvers(app: App) {
  const store = createIntakeStore(app.kvs);
  const mine = (caller: Caller, d: StoredDraft, admin: boolean) =>
    d.projectKey === caller.projectKey || (d.projectKey === null && admin);
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
    unrouted: d.projectKey === null,
    linkNotWritten: d.writeBack?.ok === false ? d.writeBack.reason : null,
  });
  async function mappingView(caller: Caller): Promise<IntakeMappingView> {
    const own = await store.projectMapping(caller.projectKey);
    const legacy = own ? null : await store.legacyMapping();
    const base: IntakeMapping = own?.mapping ?? legacy ?? {};
    const drift = async (crm: CrmName) => driftByField(await store.streaks(crm, caller.projectKey), CRM_LABEL[crm]);
    return {
      mapping: { hubspot: mappingFor(base, 'hubspot'), salesforce: mappingFor(base, 'salesforce') },
      saved: { hubspot: own?.mapping.hubspot !== undefined, salesforce: own?.mapping.salesforce !== undefined },
      from: own ? 'project' : legacy ? 'installation' : 'defaults',
      mayEdit: await isProjectAdmin(caller),
      drift: { hubspot: await drift('hubspot'), salesforce: await drift('salesforce') },
    };
  }
  async function ownDraft(caller: Caller, recordId: string): Promise<StoredDraft> {
    const draft = await store.draft(recordId);
    if (!draft || !mine(caller, draft, draft.projectKey === null && (await isProjectAdmin(caller))))
      throw new HandoffError('NOT_FOUND', `No draft ${recordId} waits in ${caller.projectKey}'s inbox.`);
    return draft;
  }

  return {
    intakeInbox: defineHandler(app, emptyPayload, async (_, caller): Promise<InboxView> => {
      const admin = await isProjectAdmin(caller);
      const drafts = (await store.drafts())
        .filter((d) => mine(caller, d, admin))
        .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
      const projects = admin ? [caller.projectKey, null] : [caller.projectKey];
      const warnings = (
        await Promise.all(
          CRMS.flatMap((crm) =>
            projects.map(async (key) => driftWarnings(await store.streaks(crm, key), CRM_LABEL[crm])),
          ),
        )
      ).flat();
      return { drafts: drafts.map(entryOf), warnings };
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
    intakeMapping: defineHandler(app, emptyPayload, (_, caller) => mappingView(caller)),
    saveIntakeMapping: defineHandler(app, mappingPayload, async ({ mapping }, caller) => {
      if (!(await isProjectAdmin(caller)))
        throw new HandoffError(
          'FORBIDDEN',
          `Only an administrator of ${caller.projectKey} (Administer Projects in Jira) can change the intake mapping.`,
        );
      const problems = mappingProblems(caller.projectKey, mapping, await store.projectMappings());
      if (problems.length > 0)
        throw new HandoffError(
          problems.some((p) => p.path.endsWith('.stage')) ? 'CONFLICT' : 'BAD_REQUEST',
          `The intake mapping of ${caller.projectKey} was not saved: ${problems[0]?.message}`,
          problems,
        );
      await store.saveProjectMapping(caller.projectKey, mapping, caller.siteUrl);
      return mappingView(caller);
    }),
  };
}

const CRMS: readonly CrmName[] = ['hubspot', 'salesforce'];

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
