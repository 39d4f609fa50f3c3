import type { PushEvent } from '@forge/events';
import { z } from 'zod';
import type { CrmName } from '../../../src/domain/intake/crm-deal';
import { createIntakeConsumer } from '../../../src/forge/intake/intake-consumer';
import { createIntakeStore } from '../../../src/forge/intake/intake-store';
import { createIntakeTrigger, type IntakeDeps } from '../../../src/forge/intake/webtrigger';
import type { WebTriggerResponse } from '../../../src/forge/web-trigger';
import type { DealLinks } from '../../../src/forge/intake/write-back/deal-link';
import { HUBSPOT_SECRET, HUBSPOT_URL, SALESFORCE_SECRET } from '../../support/intake-signing';
import type { ForgeApp } from './forge-harness';

/** No write-back credentials set: what an installation has until its admin sets them. */
export const NO_LINKS: DealLinks = {
  pageUrl: (siteUrl, projectKey) => `${siteUrl}/jira/software/projects/${projectKey}/apps/handoff`,
  writer: () => 'no CRM credentials are set in this test',
};

/** The intake as Forge runs it: both web triggers and the intake queue's consumer on one app's KVS and Jira. */
export function intakeOf(app: ForgeApp, options: { failPush?: () => boolean; links?: DealLinks } = {}) {
  const queued: PushEvent[] = [];
  const deps: IntakeDeps = {
    kvs: app.deps.kvs,
    queue: {
      async push(events) {
        if (options.failPush?.()) throw new Error('the queue is unavailable');
        queued.push(...[events].flat());
        return { jobId: 'job' };
      },
    },
    now: app.deps.now,
    log: app.deps.log,
    secret: (crm: CrmName) => (crm === 'hubspot' ? HUBSPOT_SECRET : SALESFORCE_SECRET),
    publicUrl: async () => HUBSPOT_URL,
  };
  const consumer = createIntakeConsumer(app.deps, options.links ?? NO_LINKS);
  const store = createIntakeStore(app.deps.kvs);
  return {
    hubspot: createIntakeTrigger(deps, 'hubspot'),
    salesforce: createIntakeTrigger(deps, 'salesforce'),
    queued,
    store,
    /** Runs the consumer on every queued event, as Forge delivers them; answers what the consumer answered. */
    async drain() {
      const answers: unknown[] = [];
      for (let event = queued.shift(); event; event = queued.shift())
        answers.push(await consumer({ body: event.body }));
      return answers;
    },
    /** Delivers one event again, as Forge does after a consumer asked for a retry. */
    redeliver: (body: unknown, retryCount: number) => consumer({ body, retryContext: { retryCount } }),
    keys: async (prefix: string) =>
      [
        ...(
          await app.deps.kvs
            .query()
            .where('key', { condition: 'BEGINS_WITH', values: [prefix] })
            .limit(100)
            .getMany()
        ).results,
      ].map((r) => r.key),
  };
}

export const message = (response: WebTriggerResponse) =>
  z.object({ message: z.string() }).parse(JSON.parse(response.body)).message;
