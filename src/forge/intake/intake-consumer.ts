import type { InvocationError } from '@forge/events';
import { z } from 'zod';
import { CRM_LABEL } from '../../domain/intake/crm-deal';
import { readHubspotDeal } from '../../domain/intake/hubspot-payload';
import { readSalesforceDeal } from '../../domain/intake/salesforce-payload';
import { draftFromDeal, recordIdOf } from '../../domain/intake/draft';
import { nextStreaks } from '../../domain/intake/field-drift';
import { appOf, type ForgeDeps } from '../deps';
import { logFailure } from '../errors';
import { retryLater, retryRequest } from '../queue/platform-retry';
import { createIntakeStore, type StoredDraft } from './intake-store';
import { routeOf, type Route } from './route';
import type { DealLinks } from './write-back/deal-link';
import { writeLink } from './write-back/write-link';
import { proposeUpsell, provisionedRecordOf } from './upsell';

const intakeEvent = z.object({
  body: z.object({ kind: z.literal('intake'), rawKey: z.string() }),
  retryContext: z.object({ retryCount: z.number().int().min(0) }).optional(),
});

/**
 * The `intake` queue's consumer: maps a stored closed-won deal into a draft waiting in the inbox,
 * of the project whose mapping claims it, or — an upsell on an account whose handoff is
 * provisioned — into a change request on that record; then writes the project's Handoff link onto
 * the deal. Runs after the CRM has its answer, so a slow Jira or CRM never makes the CRM time out.
 */
export function createIntakeConsumer(deps: ForgeDeps, links: DealLinks) {
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
    const deal = read.value;
    const route = await routeOf(store, deal);
    if (!route) return app.log(`[intake] ${CRM_LABEL[raw.crm]} deal ${deal.dealId} is no longer won by any mapping`);
    const existing = await store.draft(recordIdOf(deal));
    // A redelivery after the draft was saved: only the write-back was left to do.
    if (existing?.rawKey === rawKey) return linkBack(existing, route);

    const draft = draftFromDeal(deal, route.mapping);
    const streaks = await store.streaks(raw.crm, route.projectKey);
    await store.saveStreaks(raw.crm, route.projectKey, nextStreaks(streaks, route.mapping, draft.emptyFields));

    const company = deal.company;
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
    const stored: StoredDraft = {
      recordId: String(draft.record.id),
      receivedAt: raw.receivedAt,
      projectKey: route.projectKey,
      draft,
      rawKey,
    };
    await store.saveDraft(stored);
    app.log(`[intake] ${CRM_LABEL[raw.crm]} deal ${deal.dealId} waits in the inbox as ${stored.recordId}`);
    await linkBack(stored, route);
  }

  /** The link onto the deal, after the draft is safe: a failure is shown on the draft and never loses it. */
  async function linkBack(stored: StoredDraft, route: Route): Promise<void> {
    const { writeBack, transientError } = await writeLink(links, route, stored.draft.source, app.policy);
    if (writeBack) await store.saveDraft({ ...stored, writeBack });
    if (transientError !== undefined) throw transientError;
  }
}
