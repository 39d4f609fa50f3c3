import { CRM_LABEL, type CrmDeal, type CrmName } from '../../domain/intake/crm-deal';
import { readHubspotDeal } from '../../domain/intake/hubspot-payload';
import { readSalesforceDeal } from '../../domain/intake/salesforce-payload';
import type { Result } from '../../domain/problem';
import type { ProvisionQueue } from '../deps';
import type { KvsPort } from '../storage/kvs-port';
import { createIntakeStore } from './intake-store';
import { routeOf } from './route';
import { verifyHubspot, verifySalesforce, type Verdict } from './signatures';
import { answer, type WebTriggerRequest, type WebTriggerResponse } from '../web-trigger';

export type IntakeDeps = {
  kvs: KvsPort;
  /** The `intake` queue: the deal is mapped there, after the CRM has its answer. */
  queue: ProvisionQueue;
  now(): number;
  log(line: string): void;
  /** The shared secret the CRM signs with, from the app's environment; undefined until the admin sets it. */
  secret(crm: CrmName): string | undefined;
  /** The URL the CRM calls (`webTrigger.getUrl`): HubSpot signs it, and the Host header is not it behind Forge. */
  publicUrl(crm: CrmName): Promise<string>;
};

/** The queue event: only the raw body's key travels; the consumer reads the body from storage. */
export type IntakeQueueEvent = { kind: 'intake'; rawKey: string };
export const INTAKE_QUEUE = 'intake';

/** A Forge web trigger's body is at most what one KVS value holds once stored with its envelope. */
const MAX_BODY_BYTES = 200 * 1024;

const READERS: Record<CrmName, (body: unknown) => Result<CrmDeal>> = {
  hubspot: readHubspotDeal,
  salesforce: readSalesforceDeal,
};

/**
 * The intake endpoint, one per CRM. It verifies first (a bad or stale signature: 401, which
 * stops the CRM's retries, and nothing is stored), then stores the raw body, de-duplicates
 * (CRM, portal or org, deal, close day), and queues the mapping, answering at once: 200 for
 * accepted, a duplicate, an older event than one already seen or a deal that is not closed-won;
 * 503 when storage or the queue failed, so the CRM delivers again. It never throws: whatever
 * arrives gets one of these answers.
 */
export function createIntakeTrigger(deps: IntakeDeps, crm: CrmName) {
  const store = createIntakeStore(deps.kvs);
  const label = CRM_LABEL[crm];
  return async (request: WebTriggerRequest): Promise<WebTriggerResponse> => {
    try {
      return await handle(request);
    } catch (error) {
      deps.log(
        `[intake] ${label}: answered 503 so the CRM retries: ${error instanceof Error ? error.message : 'failed'}`,
      );
      return said(503, `Handoff could not take the ${label} deal just now; it will be delivered again.`);
    }
  };

  async function handle(request: WebTriggerRequest): Promise<WebTriggerResponse> {
    const method = (request.method ?? 'POST').toUpperCase();
    if (method !== 'POST') return said(405, `The ${label} intake takes POST requests only.`);
    const secret = deps.secret(crm);
    if (!secret)
      return said(503, `The ${label} intake has no secret yet: set HANDOFF_${crm.toUpperCase()}_SECRET for the app.`);
    const body = typeof request.body === 'string' ? request.body : '';
    const headers = request.headers ?? {};
    const now = deps.now();
    const verdict: Verdict =
      crm === 'hubspot'
        ? verifyHubspot(secret, { method, uri: await signedUri(request), body, headers }, now)
        : verifySalesforce(secret, { body, headers }, now);
    if (verdict !== 'ok') return said(401, refusal(verdict));
    if (Buffer.byteLength(body) > MAX_BODY_BYTES)
      return said(413, `The ${label} body is larger than ${MAX_BODY_BYTES / 1024} KiB; send fewer fields.`);

    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return said(400, `The ${label} body is not JSON.`);
    }
    const read = READERS[crm](json);
    if (!read.ok)
      return said(
        400,
        `The ${label} body is not a deal Handoff reads: ${read.problems
          .map((p) => `${p.path || 'body'} ${p.message}`)
          .slice(0, 5)
          .join('; ')}.`,
      );
    const deal = read.value;
    if (!(await routeOf(store, deal)))
      return said(200, `Not a closed-won deal in any project's mapping; nothing to do.`);

    const event = { crm, tenant: deal.tenant, dealId: deal.dealId, closedOn: deal.closedOn, changedAt: deal.changedAt };
    const newest = await store.newestChange(event);
    if (newest !== null && event.changedAt < newest)
      return said(200, 'An older state of a deal Handoff already has a newer one of; nothing changed.');
    const rawKey = await store.saveRaw(event, { crm, body, receivedAt: new Date(now).toISOString() });
    if (!(await store.firstSighting(event))) return said(200, 'Already received; nothing new.');
    try {
      await store.noteChange(event);
      const queued: IntakeQueueEvent = { kind: 'intake', rawKey };
      await deps.queue.push({ body: queued });
    } catch (error) {
      // Not queued, so not taken: the CRM's next delivery must not read as a duplicate.
      await store.forgetSighting(event);
      throw error;
    }
    return said(200, 'Accepted: the deal becomes a draft in the Handoff inbox.');
  }

  /** HubSpot signed the public URL it called, with the path and query Forge hands on separately. */
  async function signedUri(request: WebTriggerRequest): Promise<string> {
    const base = (await deps.publicUrl(crm)).replace(/\/$/, '');
    const path = request.userPath ? `/${request.userPath.replace(/^\//, '')}` : '';
    const query = Object.entries(request.queryParameters ?? {}).flatMap(([k, values]) =>
      (values ?? []).map((v) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`),
    );
    return `${base}${path}${query.length > 0 ? `?${query.join('&')}` : ''}`;
  }

  function refusal(verdict: Exclude<Verdict, 'ok'>): string {
    if (verdict === 'stale') return `The ${label} request is more than five minutes old; it was refused.`;
    if (verdict === 'missing') return `The ${label} request carries no signature; it was refused.`;
    return `The ${label} signature does not match the app's secret; it was refused.`;
  }
}

/** The CRM is told in JSON, so its delivery log shows the sentence. */
function said(statusCode: number, message: string): WebTriggerResponse {
  return answer(statusCode, JSON.stringify({ ok: statusCode < 300, message }), {
    'Content-Type': ['application/json'],
  });
}
