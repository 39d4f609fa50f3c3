import { Hono } from 'hono';
import { localAsanaRefreshToken } from '../auth';
import type { AsanaEnv } from '../context';
import { ACCESS_TOKEN_SECONDS, LOCAL_ASANA_OAUTH_APP, type OAuthGrants } from '../oauth-grants';

/**
 * POST /-/oauth_token — Asana's token exchange (developers.asana.com/docs/oauth), at the site's
 * root, not under /api/1.0: it is not in the API's OpenAPI spec, so the spec check never sees it.
 * Form-encoded `grant_type`, `client_id`, `client_secret` and, for `refresh_token`, the refresh
 * token. Errors are OAuth 2.0's (RFC 6749 §5.2), not Asana's API error body: `invalid_client`
 * (401) for a wrong id or secret, `invalid_grant` (400, as Asana answers an unknown refresh
 * token) and `invalid_request` (400). The local Asana has no authorization page, so there is
 * no code to exchange: `authorization_code` is refused, with the refresh token to use instead.
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
    if (grantType !== 'refresh_token')
      return refuse(
        400,
        'unsupported_grant_type',
        'the local Asana has no authorization page: use grant_type=refresh_token with LOCAL_ASANA_REFRESH_TOKEN',
      );
    const refreshToken = field('refresh_token');
    const user = c.var.state.users.find((u) => localAsanaRefreshToken(u.email) === refreshToken);
    if (!user) return refuse(400, 'invalid_grant', 'the refresh_token is unknown or revoked');
    return c.json({
      access_token: grants.issue(user.gid),
      token_type: 'bearer',
      expires_in: ACCESS_TOKEN_SECONDS,
      // Asana names the person the token acts for; `id` is the numeric form of the gid.
      data: { id: Number(user.gid), gid: user.gid, name: user.name, email: user.email },
    });
  });
  return routes;
}
