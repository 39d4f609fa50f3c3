import type { InvocationError } from '@forge/events';
import { z } from 'zod';
import { CRM_LABEL } from '../../domain/intake/crm-deal';
import { readHubspotDeal } from '../../domain/intake/hubspot-payload';
import { readSalesforceDeal } from '../../domain/intake/salesforce-payload';
import { draftFromDeal } from '../../domain/intake/draft';
import { mappingFor } from '../../domain/intake/mapping';
import { nextStreaks } from '../../domain/intake/field-drift';
import { appOf, type ForgeDeps } from '../deps';
import { logFailure } from '../errors';
import { retryLater, retryRequest } from '../queue/platform-retry';
import { createIntakeStore } from './intake-store';
import { proposeUpsell, provisionedRecordOf } from './upsell';

const intakeEvent = z.object({
  body: z.object({ kind: z.literal('intake'), rawKey: z.string() }),
  retryContext: z.object({ retryCount: z.number().int().min(0) }).optional(),
});

/**
 * The `intake` queue's consumer: maps a stored closed-won deal into a draft waiting in the inbox,
 * or — an upsell on an account whose handoff is provisioned — into a change request on that
 * record. Runs after the CRM has its answer, so a slow Jira never makes the CRM time out.
 */
export function createIntakeConsumer(deps: ForgeDeps) {
  const app = appOf(deps);
  const store = createIntakeStore(deps.kvs);
  return async (event: unknown): Promise<InvocationError | undefined> => {
    const parsed = intakeEvent.safeParse(event);
    if (!parsed.success) {
      app.log('[intake] ignored a malformed intake event');
      return undefined;
    }
    const attempt = parsed.data.retryContext?.retryCount ?? 0;
    try {
      await take(parsed.data.body.rawKey);
      return undefined;
    } catch (error) {
      if (retryLater(error, attempt)) return retryRequest(error, app.now());
      logFailure('intake consumer', error, app.secrets, app.log);
      return undefined;
    }
  };

  async function take(rawKey: string): Promise<void> {
    const raw = await store.raw(rawKey);
    if (!raw) return app.log(`[intake] the stored body ${rawKey} is gone; nothing to map`);
    // The endpoint read it before queueing; read again here, as the stored text is what counts.
    const read = (raw.crm === 'hubspot' ? readHubspotDeal : readSalesforceDeal)(JSON.parse(raw.body));
    if (!read.ok) return app.log(`[intake] the stored body ${rawKey} is no longer a deal Handoff reads`);
    const mapping = mappingFor(await store.mapping(), raw.crm);
    const draft = draftFromDeal(read.value, mapping);
    await store.saveStreaks(raw.crm, nextStreaks(await store.streaks(raw.crm), mapping, draft.emptyFields));

    const company = read.value.company;
    const found = draft.kind === 'upsell' && company !== undefined ? await provisionedRecordOf(app, company) : null;
    if (found) {
      const outcome = await proposeUpsell(app, found, draft);
      if (outcome.kind === 'proposed') return;
      // Not proposable (no approval owner, say): it waits in the inbox, saying why.
      draft.blockers.unshift({
        path: 'people.approval-owner',
        message: `This upsell could not be proposed on ${found.entry.projectKey}'s record: ${outcome.reason}.`,
      });
    }
    await store.saveDraft({
      recordId: String(draft.record.id),
      receivedAt: raw.receivedAt,
      projectKey: mapping.target?.tracker === 'jira' ? mapping.target.project : null,
      draft,
    });
    app.log(
      `[intake] ${CRM_LABEL[raw.crm]} deal ${read.value.dealId} waits in the inbox as ${String(draft.record.id)}`,
    );
  }
}
