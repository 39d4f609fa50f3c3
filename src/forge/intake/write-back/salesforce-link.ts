import { z } from 'zod';
import { retryable, unreachable, WriteBackRefused, type DealLinkWriter, type Http } from './deal-link';
import { safeJson } from './hubspot-link';

/**
 * Salesforce: `PATCH /services/data/vNN.N/sobjects/Opportunity/{id}` with `{ <Field__c>: <url> }`
 * (204), as a connected app that signs in with the OAuth 2.0 client-credentials flow
 * (`POST /services/oauth2/token` on the org's My Domain). A missing field is 400 INVALID_FIELD; an
 * expired token is 401 INVALID_SESSION_ID, answered by one new token and one more try.
 */
export type SalesforceLinkSettings = { domain: string; clientId: string; clientSecret: string; field: string };
export const SALESFORCE_API_VERSION = 'v62.0';

const token = z.object({ access_token: z.string().min(1), instance_url: z.url() });
const sfErrors = z.array(z.object({ errorCode: z.string(), message: z.string().optional() })).catch([]);
const oauthError = z.object({ error: z.string(), error_description: z.string().optional() }).catch({ error: '' });

export function salesforceLinkWriter(http: Http, settings: SalesforceLinkSettings): DealLinkWriter {
  const domain = settings.domain.replace(/\/+$/, '');
  let session: z.infer<typeof token> | null = null;

  async function signIn(): Promise<z.infer<typeof token>> {
    const operation = 'POST /services/oauth2/token';
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: settings.clientId,
      client_secret: settings.clientSecret,
    });
    const answer = await http(`${domain}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    }).catch((error: unknown) => {
      throw unreachable('salesforce', operation, error);
    });
    const body = safeJson(await answer.text());
    if (answer.status === 200) {
      const read = token.safeParse(body);
      if (read.success) return read.data;
    }
    if (answer.status >= 500) throw retryable('salesforce', operation, answer, `HTTP ${answer.status}`);
    const said = oauthError.parse(body);
    throw new WriteBackRefused(
      `Salesforce did not sign the connected app in (${said.error || answer.status}): check ` +
        'HANDOFF_SALESFORCE_CLIENT_ID, HANDOFF_SALESFORCE_CLIENT_SECRET and that the connected app allows ' +
        'the client credentials flow.',
    );
  }

  async function patch(current: z.infer<typeof token>, dealId: string, url: string) {
    const path = `/services/data/${SALESFORCE_API_VERSION}/sobjects/Opportunity/${encodeURIComponent(dealId)}`;
    return http(`${current.instance_url.replace(/\/+$/, '')}${path}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${current.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ [settings.field]: url }),
    }).catch((error: unknown) => {
      throw unreachable('salesforce', 'PATCH /sobjects/Opportunity/{id}', error);
    });
  }

  return async (dealId, url) => {
    session ??= await signIn();
    let answer = await patch(session, dealId, url);
    if (answer.status === 401) {
      // The token expired (or was revoked): one new one, one more try; a second 401 is a refusal.
      session = await signIn();
      answer = await patch(session, dealId, url);
    }
    if (answer.status === 204 || answer.status === 200) return;
    const errors = sfErrors.parse(safeJson(await answer.text()));
    const codes = errors.map((e) => e.errorCode);
    if (answer.status >= 500 || answer.status === 429)
      throw retryable('salesforce', 'PATCH /sobjects/Opportunity/{id}', answer, codes.join(', ') || 'no detail');
    throw new WriteBackRefused(refusal(answer.status, codes, errors[0]?.message, settings.field, dealId));
  };
}

function refusal(status: number, codes: string[], message: string | undefined, field: string, dealId: string) {
  if (codes.includes('INVALID_FIELD'))
    return (
      `Salesforce's Opportunity has no field ${field}: create it (URL) in Salesforce, ` +
      'or set HANDOFF_SALESFORCE_LINK_FIELD to the field that holds the link.'
    );
  if (status === 401) return "Salesforce refused the connected app's token twice: check its OAuth policies.";
  if (codes.includes('REQUEST_LIMIT_EXCEEDED')) return "The org's daily Salesforce API limit is used up.";
  if (status === 404) return `Salesforce has no Opportunity ${dealId} any more.`;
  const said = [codes.join(', '), message].filter(Boolean).join(': ');
  return `Salesforce answered ${status}${said ? ` ${said}` : ''}.`;
}
