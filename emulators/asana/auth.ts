import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { AsanaError } from './asana-error';
import type { AsanaEnv, TokenKind } from './context';
import type { User } from './state';

/**
 * The two tokens the local Asana gives every person, derived from the e-mail so that a
 * workspace seeded twice, or by two processes, gives them the same ones:
 *
 * - a personal access token in Asana's PAT shape, `1/<16 digits>:<32 hex>`;
 * - an OAuth access token of the emulator's one OAuth app, `local-oauth.<40 hex>`.
 *
 * The kind decides what a request may see: Asana shows `external` data to OAuth apps only.
 */
export function localAsanaTokens(email: string): { personalAccessToken: string; oauthToken: string } {
  const hash = (salt: string) => createHash('sha256').update(`${salt}:${email.trim().toLowerCase()}`).digest('hex');
  const digits = BigInt(`0x${hash('pat-id').slice(0, 16)}`)
    .toString()
    .padStart(20, '0')
    .slice(-16);
  return {
    personalAccessToken: `1/${digits}:${hash('pat').slice(0, 32)}`,
    oauthToken: `local-oauth.${hash('oauth').slice(0, 40)}`,
  };
}

/** The person a bearer token belongs to, and which kind of token it is. */
export function authenticate(users: readonly User[], token: string): { user: User; kind: TokenKind } | undefined {
  for (const user of users) {
    if (user.personalAccessToken === token) return { user, kind: 'pat' };
    if (user.oauthToken === token) return { user, kind: 'oauth' };
  }
  return undefined;
}

/**
 * `Authorization: Bearer <token>`, a personal access token or an OAuth access token. No
 * header, another scheme or an unknown token is `401 Not Authorized`, before any resource runs.
 */
export function bearerAuth(): MiddlewareHandler<AsanaEnv> {
  return async (c, next) => {
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const found = token === undefined ? undefined : authenticate(c.var.state.users, token);
    if (!found) throw new AsanaError(401, 'Not Authorized');
    c.set('actor', found.user);
    c.set('token', found.kind);
    await next();
  };
}
