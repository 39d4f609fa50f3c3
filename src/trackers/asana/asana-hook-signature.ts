import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Whether `X-Hook-Signature` is the HMAC-SHA256 (hex) of the exact raw body under the
 * webhook's secret. Compared in constant time; a missing or malformed header is simply false.
 */
export function signedBy(secret: string, rawBody: string, signature: string | undefined): boolean {
  if (signature === undefined || !/^[0-9a-f]{64}$/i.test(signature)) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}
