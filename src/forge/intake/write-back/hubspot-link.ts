import { z } from 'zod';
import { retryable, unreachable, WriteBackRefused, type DealLinkWriter, type Http } from './deal-link';

/**
 * HubSpot: `PATCH /crm/v3/objects/deals/{dealId}` with `{ properties: { <property>: <url> } }`,
 * authorised by a private app's access token with the `crm.objects.deals.write` scope. The
 * property must exist in the portal: otherwise HubSpot answers 400 VALIDATION_ERROR whose message
 * carries `PROPERTY_DOESNT_EXIST`. A 429 (private apps: 100–190 requests per 10 s by plan) comes
 * with X-HubSpot-RateLimit-* headers; without a Retry-After the wait is one interval
 * (X-HubSpot-RateLimit-Interval-Milliseconds), after which the window has surely moved on.
 */
export type HubspotLinkSettings = { baseUrl: string; token: string; property: string };

const hubspotError = z.object({ message: z.string().optional(), category: z.string().optional() }).catch({});

export function hubspotLinkWriter(http: Http, settings: HubspotLinkSettings): DealLinkWriter {
  const operation = 'PATCH /crm/v3/objects/deals/{dealId}';
  return async (dealId, url) => {
    const answer = await http(
      `${settings.baseUrl.replace(/\/+$/, '')}/crm/v3/objects/deals/${encodeURIComponent(dealId)}`,
      {
        method: 'PATCH',
        headers: { authorization: `Bearer ${settings.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ properties: { [settings.property]: url } }),
      },
    ).catch((error: unknown) => {
      throw unreachable('hubspot', operation, error);
    });
    if (answer.status === 200) return;
    const text = await answer.text();
    const said = hubspotError.parse(safeJson(text));
    if (answer.status === 429 || answer.status >= 500) {
      const interval = Number(answer.headers.get('x-hubspot-ratelimit-interval-milliseconds'));
      const reset = answer.status === 429 && interval > 0 ? Math.ceil(interval / 1000) : undefined;
      throw retryable('hubspot', operation, answer, said.message ?? `HTTP ${answer.status}`, reset);
    }
    throw new WriteBackRefused(refusal(answer.status, text, said.message, settings.property, dealId));
  };
}

function refusal(status: number, text: string, message: string | undefined, property: string, dealId: string) {
  if (status === 400 && text.includes('PROPERTY_DOESNT_EXIST'))
    return (
      `HubSpot has no deal property ${property}: create it (single-line text) in HubSpot, ` +
      'or set HANDOFF_HUBSPOT_LINK_PROPERTY to the property that holds the link.'
    );
  if (status === 401) return 'HubSpot refused the private app token: set a current one as HANDOFF_HUBSPOT_TOKEN.';
  if (status === 403) return "HubSpot's private app may not change deals: give it the crm.objects.deals.write scope.";
  if (status === 404) return `HubSpot has no deal ${dealId} any more.`;
  return `HubSpot answered ${status}${message ? `: ${message}` : ''}.`;
}

/** The body as JSON, or nothing when it is not (a proxy's HTML page). */
export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
