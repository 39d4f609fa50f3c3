import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Asana signs every App Components request with the app's client secret:
 * `x-asana-request-signature` is the hex HMAC-SHA256 of the query string (GET, without `?`) or
 * of the body's `data` string (POST) (developers.asana.com/docs/message-integrity).
 */
export function signatureOf(clientSecret: string, message: string): string {
  return createHmac('sha256', clientSecret).update(message, 'utf8').digest('hex');
}

/**
 * Whether `header` is the signature of `message`, compared in constant time so that a forger
 * learns nothing from how long a refusal takes; a missing header or one of another length is
 * refused before any comparison (its length is no secret: every signature is 64 hex digits).
 */
export function signedBy(clientSecret: string, message: string, header: string | undefined): boolean {
  if (header === undefined) return false;
  const expected = Buffer.from(signatureOf(clientSecret, message), 'utf8');
  const given = Buffer.from(header.trim().toLowerCase(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
