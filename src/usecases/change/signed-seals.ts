import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ChangeSeals } from './seal';

/**
 * Seals kept on the ticket itself, as an HMAC-SHA256 of the digest under a key only the admin
 * (and whoever they trust with change control) holds: the CLI has no storage of its own, and a
 * signature may sit where anyone can edit it — without the key, no edit makes a valid one.
 */
export function signedSeals(secret: string): ChangeSeals {
  const sign = (key: string, digest: string) => createHmac('sha256', secret).update(`${key}\n${digest}`).digest('hex');
  return {
    keep: async (key, digest) => sign(key, digest),
    check: async (key, digest, signature) => {
      if (signature === undefined) return 'missing';
      const expected = Buffer.from(sign(key, digest));
      const given = Buffer.from(signature);
      return given.length === expected.length && timingSafeEqual(given, expected) ? 'sealed' : 'broken';
    },
  };
}
