import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { localAsanaRefreshToken } from '../auth';
import type { AsanaEnv } from '../context';
import { ACCESS_TOKEN_SECONDS, LOCAL_ASANA_OAUTH_APP, type CodeGrant, type OAuthGrants } from '../oauth-grants';
import type { User } from '../state';

/**
 * POST /-/oauth_token — Asana's token exchange (developers.asana.com/docs/oauth), at the site's
 * root, not under /api/1.0: it is not in the API's OpenAPI spec, so the spec check never sees it.
 * Form-encoded `grant_type`, `client_id`, `client_secret` and, for `refresh_token`, the refresh
 * token; for `authorization_code`, the `code` the consent page (`oauth-authorize.ts`) gave,
 * the same `redirect_uri` and, when a PKCE challenge was sent, its `code_verifier`. A code works
 * once and for ten minutes. Errors are OAuth 2.0's (RFC 6749 §5.2), not Asana's API error body:
 * `invalid_client` (401) for a wrong id or secret, `invalid_grant` (400, as Asana answers an
 * unknown refresh token or code) and `invalid_request` (400).
 */
export function oauthRoutes(grants: OAuthGrants) {
  const routes = new Hono<AsanaEnv>();
  routes.post('/-/oauth_token', async (c) => {
    const form = await c.req.parseBody();
    const field = (name: string) => (typeof form[name] === 'string' ? form[name] : undefined);
    const refuse = (status: 400 | 401, error: string, description: string) =>
      c.json({ error, error_description: description }, status);
    const grantType = field('grant_type');
    if (!grantType) return refuse(400, 'invalid_request', 'grant_type is missing');
    if (
      field('client_id') !== LOCAL_ASANA_OAUTH_APP.clientId ||
      field('client_secret') !== LOCAL_ASANA_OAUTH_APP.clientSecret
    )
      return refuse(401, 'invalid_client', 'the client_id and client_secret are not those of an app');
    const tokens = (user: User, withRefresh: boolean) =>
      c.json({
        access_token: grants.issue(user.gid),
        token_type: 'bearer',
        expires_in: ACCESS_TOKEN_SECONDS,
        // Asana names the person the token acts for; `id` is the numeric form of the gid.
        data: { id: Number(user.gid), gid: user.gid, name: user.name, email: user.email },
        ...(withRefresh ? { refresh_token: localAsanaRefreshToken(user.email) } : {}),
      });
    if (grantType === 'authorization_code') {
      const grant = grants.redeemCode(field('code') ?? '');
      if (!grant) return refuse(400, 'invalid_grant', 'the code is unknown, already used or expired');
      if (grant.redirectUri !== field('redirect_uri'))
        return refuse(400, 'invalid_grant', 'redirect_uri is not the one the code was issued for');
      if (!verifierMatches(grant, field('code_verifier')))
        return refuse(400, 'invalid_grant', 'code_verifier does not match the code_challenge');
      const user = c.var.state.users.find((u) => u.gid === grant.userGid);
      return user ? tokens(user, true) : refuse(400, 'invalid_grant', 'the person who allowed it is gone');
    }
    if (grantType !== 'refresh_token')
      return refuse(400, 'unsupported_grant_type', 'grant_type must be authorization_code or refresh_token');
    const refreshToken = field('refresh_token');
    const user = c.var.state.users.find((u) => localAsanaRefreshToken(u.email) === refreshToken);
    if (!user) return refuse(400, 'invalid_grant', 'the refresh_token is unknown or revoked');
    return tokens(user, false);
  });
  return routes;
}

/** PKCE (RFC 7636 §4.6): no challenge, nothing to check; else the verifier must give the challenge. */
function verifierMatches(grant: CodeGrant, verifier: string | undefined): boolean {
  if (!grant.challenge) return true;
  if (verifier === undefined) return false;
  const derived =
    grant.challenge.method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  const [a, b] = [Buffer.from(derived), Buffer.from(grant.challenge.value)];
  return a.length === b.length && timingSafeEqual(a, b);
}
