import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../common/clock';
import { listen, type Listening } from '../common/serve';

/**
 * A local HubSpot for the deal write-back only: `PATCH /crm/v3/objects/deals/{dealId}` and the
 * `GET` of the same deal, so what Handoff wrote is readable. Hard by default, as HubSpot is: a
 * Bearer token is required (401 INVALID_AUTHENTICATION), a property the portal lacks is refused
 * (400 VALIDATION_ERROR with PROPERTY_DOESNT_EXIST), and a private app gets 100 requests per 10 s
 * (the Free/Starter burst limit; Professional and Enterprise have 190) — past it 429 RATE_LIMIT,
 * with the X-HubSpot-RateLimit-* headers on every answer and no Retry-After. Every numeric deal id
 * exists here (HubSpot answers 404 OBJECT_NOT_FOUND for others).
 */
export type LocalHubspotOptions = {
  port?: number;
  token: string;
  /** Deal properties the portal has besides HubSpot's own; `handoff_link` unless told otherwise. */
  properties?: readonly string[];
  /** Requests per 10-second window. */
  burstLimit?: number;
  clock?: Clock;
};
export type LocalHubspot = Listening & { url: string; deal(id: string): Record<string, string> | undefined };

const WINDOW_MS = 10_000;
const OWN = ['dealname', 'dealstage', 'pipeline', 'amount', 'closedate', 'dealtype', 'hs_lastmodifieddate'];

export async function startHubspot(options: LocalHubspotOptions): Promise<LocalHubspot> {
  const clock = options.clock ?? systemClock;
  const known = new Set([...OWN, ...(options.properties ?? ['handoff_link'])]);
  const limit = options.burstLimit ?? 100;
  const deals = new Map<string, Record<string, string>>();
  let window = { start: clock.now(), used: 0 };

  const error = (status: number, category: string, message: string, headers: Headers, extra = {}) =>
    Response.json({ status: 'error', message, correlationId: randomUUID(), category, ...extra }, { status, headers });
  const dealJson = (id: string, properties: Record<string, string>) => ({
    id,
    properties: { ...properties, hs_object_id: id },
    createdAt: '2026-11-01T09:00:00.000Z',
    updatedAt: properties.hs_lastmodifieddate,
    archived: false,
  });

  const server = await listen(
    async (request) => {
      const headers = new Headers();
      const now = clock.now();
      if (now - window.start >= WINDOW_MS) window = { start: now, used: 0 };
      window.used += 1;
      headers.set('X-HubSpot-RateLimit-Interval-Milliseconds', String(WINDOW_MS));
      headers.set('X-HubSpot-RateLimit-Max', String(limit));
      headers.set('X-HubSpot-RateLimit-Remaining', String(Math.max(0, limit - window.used)));
      if (request.headers.get('authorization') !== `Bearer ${options.token}`)
        return error(
          401,
          'INVALID_AUTHENTICATION',
          'Authentication credentials not found. This API supports OAuth 2.0 authentication.',
          headers,
        );
      if (window.used > limit)
        return Response.json(
          {
            status: 'error',
            message: 'You have reached your ten_secondly_rolling limit.',
            errorType: 'RATE_LIMIT',
            correlationId: randomUUID(),
            policyName: 'TEN_SECONDLY_ROLLING',
          },
          { status: 429, headers },
        );
      const id = /^\/crm\/v3\/objects\/deals\/(\d+)$/.exec(new URL(request.url).pathname)?.[1];
      if (!id) return error(404, 'OBJECT_NOT_FOUND', 'resource not found', headers);
      const deal = deals.get(id) ?? {};
      if (request.method === 'GET') return Response.json(dealJson(id, deal), { headers });
      if (request.method !== 'PATCH') return error(405, 'VALIDATION_ERROR', 'Method not allowed', headers);
      const body: unknown = await request.json().catch(() => null);
      const properties = typeof body === 'object' && body !== null && 'properties' in body ? body.properties : null;
      if (typeof properties !== 'object' || properties === null)
        return error(400, 'VALIDATION_ERROR', 'No properties found to update, please provide at least one.', headers);
      const unknown = Object.keys(properties).filter((name) => !known.has(name));
      if (unknown.length > 0)
        return error(
          400,
          'VALIDATION_ERROR',
          `Property values were not valid: ${JSON.stringify(
            unknown.map((name) => ({
              isValid: false,
              message: `Property "${name}" does not exist`,
              error: 'PROPERTY_DOESNT_EXIST',
              name,
            })),
          )}`,
          headers,
        );
      const next = { ...deal, ...Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, String(v)])) };
      next.hs_lastmodifieddate = new Date(now).toISOString();
      deals.set(id, next);
      return Response.json(dealJson(id, next), { headers });
    },
    '127.0.0.1',
    options.port ?? 0,
  );
  return { ...server, url: server.origin, deal: (id) => deals.get(id) };
}
