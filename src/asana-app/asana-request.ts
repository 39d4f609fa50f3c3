import type { Context, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { signedBy } from './signature';

/** What a verified App Components request carried: its query (GET) or its `data` object (POST). */
export type AsanaPayload = Record<string, unknown>;
export type AsanaAppEnv = { Variables: { payload: AsanaPayload } };

/**
 * App Components' error body (`{ data: { error } }`), which Asana shows the person as is: a
 * plain sentence, never a stack trace.
 */
export function refusal(c: Context, status: 400 | 401 | 404 | 409, error: string) {
  return c.json({ data: { error } }, status);
}

const postBody = z.object({ data: z.string() });
const payloadObject = z.record(z.string(), z.unknown());

/**
 * `expires_at` as the App Components spec gives it (an ISO 8601 time) or as milliseconds since
 * the epoch (how Asana's guides compare it): the instant, or null when it is neither.
 */
export function expiryOf(value: unknown): number | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * Lets through only what Asana sent, still in time: the signature over the exact bytes Asana
 * signed (the raw query string, or the body's `data` string before it is parsed), then
 * `expires_at`. A refusal is a sentence in App Components' error body and has changed nothing.
 */
export function asanaRequest(clientSecret: string, now: () => number): MiddlewareHandler<AsanaAppEnv> {
  return async (c, next) => {
    const signature = c.req.header('x-asana-request-signature');
    let signed: string;
    let payload: AsanaPayload;
    if (c.req.method === 'GET') {
      signed = new URL(c.req.url).search.replace(/^\?/, '');
      payload = Object.fromEntries(new URLSearchParams(signed));
    } else {
      const body = postBody.safeParse(await c.req.json().catch(() => undefined));
      if (!body.success) return refusal(c, 400, 'The request body must be JSON with a "data" string, as Asana sends.');
      signed = body.data.data;
      const parsed = payloadObject.safeParse(parseJson(signed));
      if (!parsed.success) return refusal(c, 400, 'The request\'s "data" must be a JSON object, as Asana sends.');
      payload = parsed.data;
    }
    if (signature === undefined)
      return refusal(c, 401, 'The request has no x-asana-request-signature header; only Asana may call this app.');
    if (!signedBy(clientSecret, signed, signature))
      return refusal(
        c,
        401,
        "The x-asana-request-signature does not match: the request was not signed with this app's client secret " +
          '(HANDOFF_ASANA_CLIENT_SECRET).',
      );
    const expires = expiryOf(payload.expires_at);
    if (expires === null) return refusal(c, 400, 'The request has no valid expires_at.');
    if (expires <= now()) return refusal(c, 400, 'The request expired (expires_at is past); nothing was done.');
    c.set('payload', payload);
    await next();
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
