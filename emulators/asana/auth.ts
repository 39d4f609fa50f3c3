import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { AsanaError } from './asana-error';
import type { AsanaEnv, TokenKind } from './context';
import type { OAuthGrants } from './oauth-grants';
import type { User } from './state';

const hashOf = (salt: string, email: string) =>
  createHash('sha256').update(`${salt}:${email.trim().toLowerCase()}`).digest('hex');

/**
 * The two tokens the local Asana gives every person, derived from the e-mail so that a
 * workspace seeded twice, or by two processes, gives them the same ones:
 *
 * - a personal access token in Asana's PAT shape, `1/<16 digits>:<32 hex>`;
 * - an OAuth access token of the emulator's one OAuth app, `local-oauth.<40 hex>`, which like
 *   every Asana access token expires an hour after it was issued (here: when the emulator started).
 *
 * The kind decides what a request may see: Asana shows `external` data to OAuth apps only.
 * A PAT never expires, as Asana's do not.
 */
export function localAsanaTokens(email: string): { personalAccessToken: string; oauthToken: string } {
  const hash = (salt: string) => hashOf(salt, email);
  const digits = BigInt(`0x${hash('pat-id').slice(0, 16)}`)
    .toString()
    .padStart(20, '0')
    .slice(-16);
  return {
    personalAccessToken: `1/${digits}:${hash('pat').slice(0, 32)}`,
    oauthToken: `local-oauth.${hash('oauth').slice(0, 40)}`,
  };
}

/**
 * A person's refresh token for the emulator's OAuth app, `local-refresh.<40 hex>`: what the
 * authorization step would have handed the app. Like Asana's, it does not expire.
 */
export function localAsanaRefreshToken(email: string): string {
  return `local-refresh.${hashOf('refresh', email).slice(0, 40)}`;
}

/** The person a bearer token belongs to, and which kind of token it is; an expired OAuth token is no one's. */
export function authenticate(
  users: readonly User[],
  token: string,
  grants: OAuthGrants,
): { user: User; kind: TokenKind } | undefined {
  for (const user of users) {
    if (user.personalAccessToken === token) return { user, kind: 'pat' };
    if (user.oauthToken === token) return grants.derivedInForce() ? { user, kind: 'oauth' } : undefined;
  }
  const holder = grants.holderOf(token);
  const user = users.find((u) => u.gid === holder);
  return user && { user, kind: 'oauth' };
}

/**
 * `Authorization: Bearer <token>`, a personal access token or an OAuth access token. No
 * header, another scheme, an unknown token or an expired one is `401 Not Authorized` (Asana
 * tells them apart no further), before any resource runs.
 */
export function bearerAuth(grants: OAuthGrants): MiddlewareHandler<AsanaEnv> {
  return async (c, next) => {
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const found = token === undefined ? undefined : authenticate(c.var.state.users, token, grants);
    if (!found) throw new AsanaError(401, 'Not Authorized');
    c.set('actor', found.user);
    c.set('token', found.kind);
    await next();
  };
}
