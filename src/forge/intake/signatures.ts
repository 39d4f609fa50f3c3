import { createHmac, timingSafeEqual } from 'node:crypto';
import { header, type Headers } from '../web-trigger';

/**
 * Who sent an intake request, proved by the CRM's signature over it. Both CRMs sign with a
 * secret the app and the CRM share; both signatures carry their time, and one older than five
 * minutes is refused like a wrong one, so a request caught on the way cannot be replayed later.
 */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;

export type Verdict = 'ok' | 'missing' | 'bad-signature' | 'stale';

/** The header names, lowercase: Forge hands a web trigger its headers by lowercase name (assumed; read any case). */
export const HUBSPOT_SIGNATURE = 'x-hubspot-signature-v3';
export const HUBSPOT_TIMESTAMP = 'x-hubspot-request-timestamp';
export const SALESFORCE_SIGNATURE = 'x-handoff-signature';
export const SALESFORCE_TIMESTAMP = 'x-handoff-timestamp';

const hmac = (secret: string, text: string) => createHmac('sha256', secret).update(text, 'utf8').digest('base64');

/**
 * HubSpot's v3 signature: base64 HMAC-SHA256, keyed with the app's client secret, of method, URI,
 * body and the `X-HubSpot-Request-Timestamp` (milliseconds), joined with nothing between. HubSpot
 * signs the URI with some characters decoded (validating-requests guide); the same are decoded here.
 */
export function hubspotSignature(
  secret: string,
  request: { method: string; uri: string; body: string },
  timestamp: string,
) {
  return hmac(secret, `${request.method.toUpperCase()}${decodeSigned(request.uri)}${request.body}${timestamp}`);
}

const DECODED: Record<string, string> = {
  '%3A': ':',
  '%2F': '/',
  '%3F': '?',
  '%40': '@',
  '%21': '!',
  '%24': '$',
  '%27': "'",
  '%28': '(',
  '%29': ')',
  '%2A': '*',
  '%2C': ',',
  '%3B': ';',
};
const decodeSigned = (uri: string) =>
  uri.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (m) => DECODED[m.toUpperCase()] ?? m);

/**
 * Handoff's Salesforce signature, which the admin's Apex action computes (README): base64
 * HMAC-SHA256, keyed with the shared secret, of the `X-Handoff-Timestamp` (milliseconds), a dot
 * and the body. A Flow's HTTP callout alone can only send a fixed header, which anyone who saw
 * one request could replay for ever; a signature over the time and body cannot be.
 */
export const salesforceSignature = (secret: string, body: string, timestamp: string) =>
  hmac(secret, `${timestamp}.${body}`);

export function verifyHubspot(
  secret: string,
  request: { method: string; uri: string; body: string; headers: Headers },
  now: number,
): Verdict {
  const signature = header(request.headers, HUBSPOT_SIGNATURE);
  const timestamp = header(request.headers, HUBSPOT_TIMESTAMP);
  if (signature === undefined || timestamp === undefined) return 'missing';
  return judge(hubspotSignature(secret, request, timestamp), signature, timestamp, now);
}

export function verifySalesforce(secret: string, request: { body: string; headers: Headers }, now: number): Verdict {
  const signature = header(request.headers, SALESFORCE_SIGNATURE);
  const timestamp = header(request.headers, SALESFORCE_TIMESTAMP);
  if (signature === undefined || timestamp === undefined) return 'missing';
  return judge(salesforceSignature(secret, request.body, timestamp), signature, timestamp, now);
}

/** Signature first, in constant time, then the time: a stale request with a good signature is still refused. */
function judge(expected: string, given: string, timestamp: string, now: number): Verdict {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  // Lengths are no secret (every good signature has the same one); contents are compared in constant time.
  if (a.length !== b.length || !timingSafeEqual(a, b)) return 'bad-signature';
  const at = /^\d{1,16}$/.test(timestamp) ? Number(timestamp) : NaN;
  if (!Number.isFinite(at) || Math.abs(now - at) > SIGNATURE_WINDOW_MS) return 'stale';
  return 'ok';
}
