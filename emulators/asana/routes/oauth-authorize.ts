import { Hono } from 'hono';
import { html } from 'hono/html';
import type { AsanaEnv } from '../context';
import { LOCAL_ASANA_OAUTH_APP, type OAuthGrants } from '../oauth-grants';

const PARAMS = ['client_id', 'redirect_uri', 'response_type', 'state', 'code_challenge', 'code_challenge_method'];

/**
 * GET /-/oauth_authorize — Asana's consent page (https://app.asana.com/-/oauth_authorize):
 * `client_id`, `redirect_uri`, `response_type=code`, `state`, and PKCE's `code_challenge`
 * (`S256` or `plain`) optionally. The local Asana has no login, so the page asks who you are,
 * then Allow sends you to `redirect_uri?code=…&state=…`, Deny to `…?error=access_denied&state=…`.
 * A request naming no known app, or no usable redirect, is answered here (400), never redirected:
 * OAuth 2.0 (RFC 6749 §4.1.2.1) forbids sending the person to an unverified address.
 */
export function oauthAuthorizeRoutes(grants: OAuthGrants) {
  const routes = new Hono<AsanaEnv>();

  routes.get('/-/oauth_authorize', (c) => {
    const q = (name: string) => c.req.query(name) ?? '';
    const refused = refusal(q);
    if (refused) return c.html(refusalPage(refused), 400);
    const people = c.var.state.users;
    return c.html(
      html`<!doctype html>
        <html lang="en">
          <head>
            <meta charset="utf-8" />
            <title>Allow Handoff to access the local Asana?</title>
          </head>
          <body style="font-family: system-ui, sans-serif; max-width: 32rem; margin: 3rem auto">
            <h1>Allow Handoff to access your Asana account?</h1>
            <p>It will be able to read and change what you can in your workspaces, as you.</p>
            <form method="post" action="/-/oauth_authorize">
              ${PARAMS.map((name) => html`<input type="hidden" name="${name}" value="${q(name)}" />`)}
              <label
                >Signed in as
                <select name="user">
                  ${people.map((u) => html`<option value="${u.gid}">${u.name} (${u.email})</option>`)}
                </select>
              </label>
              <p>
                <button type="submit" name="decision" value="allow">Allow</button>
                <button type="submit" name="decision" value="deny">Deny</button>
              </p>
            </form>
          </body>
        </html>`,
    );
  });

  routes.post('/-/oauth_authorize', async (c) => {
    const form = await c.req.parseBody();
    const q = (name: string) => (typeof form[name] === 'string' ? form[name] : '');
    const refused = refusal(q);
    if (refused) return c.html(refusalPage(refused), 400);
    const back = new URL(q('redirect_uri'));
    if (q('state')) back.searchParams.set('state', q('state'));
    const user = c.var.state.users.find((u) => u.gid === q('user'));
    if (q('decision') !== 'allow' || !user) {
      back.searchParams.set('error', 'access_denied');
      return c.redirect(back.toString(), 302);
    }
    const challenge = q('code_challenge');
    const method = q('code_challenge_method') === 'plain' ? 'plain' : 'S256';
    back.searchParams.set(
      'code',
      grants.issueCode({
        userGid: user.gid,
        redirectUri: q('redirect_uri'),
        challenge: challenge ? { value: challenge, method } : null,
      }),
    );
    return c.redirect(back.toString(), 302);
  });

  return routes;
}

/** The page saying why, answered instead of redirecting (the address is not verified). */
function refusalPage(reason: string) {
  return html`<!doctype html><title>Cannot authorize</title>
    <p>${reason}</p>`;
}

/** Why the page cannot go on (said on the page itself), or null. */
function refusal(q: (name: string) => string): string | null {
  if (q('client_id') !== LOCAL_ASANA_OAUTH_APP.clientId)
    return `client_id ${JSON.stringify(q('client_id'))} is not an app of this Asana.`;
  if (!URL.canParse(q('redirect_uri')) || !/^https?:$/.test(new URL(q('redirect_uri')).protocol))
    return 'redirect_uri is missing or is not an http(s) address.';
  if (q('response_type') !== 'code') return 'response_type must be "code".';
  const method = q('code_challenge_method');
  if (method && method !== 'S256' && method !== 'plain') return 'code_challenge_method must be S256 or plain.';
  return null;
}
