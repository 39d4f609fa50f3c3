import { z } from 'zod';
import { NAMED_AT_ONCE, type FoundPerson } from '../../domain/record/picked-person';
import { previewTransfer } from '../../usecases/transfer-owner';
import type { App } from '../deps';
import { namePeople, searchJiraPeople } from '../jira/jira-people';
import { changeOptions, refusalError } from '../queue/changes';
import { trackerFor } from '../tracker-for';
import { transferPayload, type TransferPayload } from './change-payloads';
import { loadValidRecord } from './records';
import { actorOf, defineHandler } from './resolver-kit';
import type { ResolverResult } from '../errors';
import { jiraProjectKey } from '../../domain/record/jira-keys';

const project = { projectKey: jiraProjectKey.optional() };
export const peopleSearchPayload = z.strictObject({
  ...project,
  query: z.string().trim().min(1, 'type part of a name or an e-mail').max(100, 'at most 100 characters'),
});
export const peopleNamesPayload = z.strictObject({
  ...project,
  emails: z
    .array(z.email({ error: 'an e-mail address' }))
    .max(NAMED_AT_ONCE, `at most ${NAMED_AT_ONCE} addresses a call`),
});
export type PeopleSearchPayload = z.input<typeof peopleSearchPayload>;
export type PeopleNamesPayload = z.input<typeof peopleNamesPayload>;

/** Who a transfer would move now: the open tickets of `from` (their keys). */
export type TransferPreviewView = { open: Array<{ itemId: string; key: string }> };

export type PeopleDefinitions = {
  searchPeople: (payload: PeopleSearchPayload) => ResolverResult<FoundPerson[]>;
  namePeople: (payload: PeopleNamesPayload) => ResolverResult<Record<string, FoundPerson | null>>;
  previewTransfer: (payload: TransferPayload) => ResolverResult<TransferPreviewView>;
};

/**
 * People as Jira knows them, for the owner picker and the names the panel shows: searched and
 * named as the person using the page (so Jira's profile visibility applies to them), never as
 * the app.
 */
export function peopleResolvers(app: App) {
  return {
    searchPeople: defineHandler(app, peopleSearchPayload, async ({ query }, caller) =>
      searchJiraPeople(caller.jira, query, caller.policy),
    ),

    namePeople: defineHandler(app, peopleNamesPayload, async ({ emails }, caller) =>
      namePeople(caller.jira, [...new Set(emails.map((e) => e.toLowerCase()))], caller.policy),
    ),

    previewTransfer: defineHandler(app, transferPayload, async ({ from, to }, caller) => {
      const record = await loadValidRecord(app.store, caller.projectKey);
      const { tracker, target } = await trackerFor(app, actorOf(caller));
      const preview = await previewTransfer(
        tracker,
        { record, transfer: { from, to }, target },
        { ...changeOptions(app, caller.projectKey), policy: caller.policy },
      );
      if (preview.kind === 'refused') throw refusalError(preview);
      return { open: preview.open };
    }),
  };
}
