import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../common/clock';
import { listen, type Listening } from '../common/serve';

/**
 * A local Salesforce org for the deal write-back only: the OAuth 2.0 client-credentials token
 * endpoint (`POST /services/oauth2/token`) and `PATCH`/`GET /services/data/vNN.N/sobjects/Opportunity/{id}`.
 * Hard by default, as Salesforce is: a wrong client is 400 invalid_client, a request without a
 * live token is 401 INVALID_SESSION_ID (tokens lapse after `sessionMs`, two hours as the org
 * default, or at once with `expireSessions()`), a field the Opportunity lacks is 400
 * INVALID_FIELD, an id that is not an Opportunity's (prefix 006) is 404 NOT_FOUND.
 */
export type LocalSalesforceOptions = {
  port?: number;
  clientId: string;
  clientSecret: string;
  /** Custom fields the Opportunity has; `Handoff_Link__c` unless told otherwise. */
  fields?: readonly string[];
  sessionMs?: number;
  clock?: Clock;
};
export type LocalSalesforce = Listening & {
  url: string;
  opportunity(id: string): Record<string, string> | undefined;
  /** Ends every session, as an admin revoking them or the timeout would. */
  expireSessions(): void;
};

const OPPORTUNITY = /^\/services\/data\/v\d+\.\d\/sobjects\/Opportunity\/([A-Za-z0-9]{15}|[A-Za-z0-9]{18})$/;
const STANDARD = ['Name', 'StageName', 'Amount', 'CloseDate', 'Description', 'NextStep'];

export async function startSalesforce(options: LocalSalesforceOptions): Promise<LocalSalesforce> {
  const clock = options.clock ?? systemClock;
  const sessionMs = options.sessionMs ?? 2 * 60 * 60_000;
  const fields = new Set([...STANDARD, ...(options.fields ?? ['Handoff_Link__c'])]);
  const sessions = new Map<string, number>();
  const records = new Map<string, Record<string, string>>();
  let origin = '';
  const errors = (status: number, errorCode: string, message: string) =>
    Response.json([{ message, errorCode }], { status });

  const server = await listen(
    async (request) => {
      const url = new URL(request.url);
      if (url.pathname === '/services/oauth2/token' && request.method === 'POST') {
        const form = new URLSearchParams(await request.text());
        if (form.get('grant_type') !== 'client_credentials')
          return Response.json(
            { error: 'unsupported_grant_type', error_description: 'grant type not supported' },
            { status: 400 },
          );
        if (form.get('client_id') !== options.clientId || form.get('client_secret') !== options.clientSecret)
          return Response.json(
            { error: 'invalid_client', error_description: 'invalid client credentials' },
            { status: 400 },
          );
        const token = `00D000000000001!${randomUUID().replaceAll('-', '')}`;
        sessions.set(token, clock.now() + sessionMs);
        return Response.json({
          access_token: token,
          instance_url: origin,
          id: `${origin}/id/00D000000000001AAA/005000000000001AAA`,
          token_type: 'Bearer',
          issued_at: String(clock.now()),
          signature: randomUUID(),
          scope: 'api',
        });
      }
      const id = OPPORTUNITY.exec(url.pathname)?.[1];
      if (!id) return errors(404, 'NOT_FOUND', 'The requested resource does not exist');
      const token = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
      const until = token ? sessions.get(token) : undefined;
      if (until === undefined || until <= clock.now())
        return errors(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
      if (!id.startsWith('006')) return errors(404, 'NOT_FOUND', 'The requested resource does not exist');
      const record = records.get(id) ?? {};
      if (request.method === 'GET')
        return Response.json({
          attributes: { type: 'Opportunity', url: url.pathname },
          Id: id,
          ...record,
        });
      if (request.method !== 'PATCH')
        return errors(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${request.method}' not allowed.`);
      const body: unknown = await request.json().catch(() => null);
      if (typeof body !== 'object' || body === null || Array.isArray(body))
        return errors(400, 'JSON_PARSER_ERROR', 'The request body is not a JSON object.');
      const unknown = Object.keys(body).find((name) => !fields.has(name));
      if (unknown) return errors(400, 'INVALID_FIELD', `No such column '${unknown}' on sobject of type Opportunity`);
      records.set(id, { ...record, ...Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)])) });
      return new Response(null, { status: 204 });
    },
    '127.0.0.1',
    options.port ?? 0,
  );
  origin = server.origin;
  return {
    ...server,
    url: server.origin,
    opportunity: (id) => records.get(id),
    expireSessions: () => sessions.clear(),
  };
}
