import { createHash } from 'node:crypto';

/**
 * How the local site names people. Everything derives from the e-mail so that a site
 * seeded twice, or by two processes, gives a person the same account id and token.
 */

function digest(text: string): string {
  return createHash('sha256').update(text.trim().toLowerCase()).digest('hex');
}

/** A Jira Cloud-shaped account id (`712020:` + a UUID), stable for an e-mail. */
export function accountIdFor(email: string): string {
  const h = digest(email);
  return `712020:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The API token the local site gives a person it seeded or added without one. */
export function localApiToken(email: string): string {
  return `local-${digest(`token:${email}`).slice(0, 24)}`;
}
