import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { html } from 'hono/html';
import { z } from 'zod';
import type { AsanaUser } from '../forge/asana/asana-access';
import type { KvsPort } from '../forge/storage/kvs-port';
import { createAccessTokens, type AccessTokens } from '../trackers/asana/asana-oauth';
import { LOCAL_ASANA_OAUTH_APP, LOCAL_ASANA_REFRESH_TOKEN, type LocalAsana } from '../../emulators/asana/index';

const grant = z.object({ refreshToken: z.string().min(1), asanaUser: z.object({ id: z.string(), name: z.string() }) });
const tokenAnswer = z.object({
  refresh_token: z.string().min(1),
  data: z.object({ gid: z.string(), name: z.string() }),
});

/**
 * What Forge's external authentication does for the `asana` provider, on this machine: each
 * person of the local Jira site connects their local Asana account through its consent page
 * (OAuth's authorization-code grant, with `state` bound to who asked), their refresh token is
 * kept outside the app's storage (as Forge keeps provider tokens outside the app's), and every
 * request the app sends for them gets a fresh access token — the app itself never sees one.
 */
export function createLocalAsanaAuth(options: {
  asana: () => LocalAsana;
  /** Where the grants live: not the app's KVS, which Forge's provider tokens never are in either. */
  grants: KvsPort;
  /** Who the page is viewed as now: whose account a connection is for. */
  viewer: () => string;
}) {
  const tokens = new Map<string, { refreshToken: string; access: AccessTokens }>();
  /**
   * `state` → whose consent it is and where it comes back (the panel's address as the browser named it):
   * the callback connects that person, whoever the page shows by then.
   */
  const pending = new Map<string, { accountId: string; back: string }>();
  const origin = () => new URL(options.asana().url).origin;

  const load = async (accountId: string) => {
    const parsed = grant.safeParse(await options.grants.get(`asana:${accountId}`));
    return parsed.success ? parsed.data : null;
  };
  const accessFor = async (accountId: string): Promise<AccessTokens | null> => {
    const stored = await load(accountId);
    if (!stored) return null;
    const known = tokens.get(accountId);
    if (known?.refreshToken === stored.refreshToken) return known.access;
    const access = createAccessTokens(
      { ...LOCAL_ASANA_OAUTH_APP, refreshToken: stored.refreshToken },
      { tokenUrl: `${origin()}/-/oauth_token`, timeoutMs: 10_000 },
    );
    tokens.set(accountId, { refreshToken: stored.refreshToken, access });
    return access;
  };

  const user = (accountId: string): AsanaUser => ({
    connection: {
      basePath: '',
      tokenKind: 'oauth',
      send: async (path, init) => {
        const access = await accessFor(accountId);
        if (!access) throw notConnected();
        const token = await access.fresh();
        return fetch(`${options.asana().url}${path}`, {
          ...init,
          headers: { ...init.headers, authorization: `Bearer ${token}` },
        });
      },
    },
    connected: async () => (await load(accountId)) !== null,
    account: async () => (await load(accountId))?.asanaUser ?? null,
    connect: () => Promise.reject(notConnected()),
  });

  const routes = new Hono();
  /** The consent, in the window the page opened: to the local Asana's consent page and back. */
  routes.get('/__local/asana/connect', (c) => {
    const state = randomBytes(16).toString('hex');
    const back = new URL('/__local/asana/callback', c.req.url).toString();
    pending.set(state, { accountId: options.viewer(), back });
    const authorize = new URL(`${origin()}/-/oauth_authorize`);
    authorize.search = new URLSearchParams({
      client_id: LOCAL_ASANA_OAUTH_APP.clientId,
      redirect_uri: back,
      response_type: 'code',
      state,
    }).toString();
    return c.redirect(authorize.toString(), 302);
  });
  routes.get('/__local/asana/callback', async (c) => {
    const state = c.req.query('state') ?? '';
    const asked = pending.get(state);
    pending.delete(state);
    const code = c.req.query('code');
    if (!asked || !code) return c.html(done(false, c.req.query('error') ?? 'the consent was not finished'), 400);
    const answer = await fetch(`${origin()}/-/oauth_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: LOCAL_ASANA_OAUTH_APP.clientId,
        client_secret: LOCAL_ASANA_OAUTH_APP.clientSecret,
        redirect_uri: asked.back,
        code,
      }).toString(),
    });
    const parsed = tokenAnswer.safeParse(await answer.json().catch(() => undefined));
    if (!answer.ok || !parsed.success)
      return c.html(done(false, `the local Asana refused the code (${answer.status})`), 502);
    await options.grants.set(`asana:${asked.accountId}`, {
      refreshToken: parsed.data.refresh_token,
      asanaUser: { id: parsed.data.data.gid, name: parsed.data.data.name },
    });
    return c.html(done(true, `Connected as ${parsed.data.data.name}.`));
  });

  return { user, routes };
}

/** Forge's own error for "this person has not connected the provider" (its name is what the platform reads). */
function notConnected(): Error {
  return Object.assign(new Error('Connect your Asana account to Handoff first.'), { name: 'NEEDS_AUTHENTICATION_ERR' });
}

/** The consent window's last page: tells the panel that opened it, then closes. */
function done(connected: boolean, said: string) {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${connected ? 'Asana connected' : 'Asana not connected'}</title>
        <script type="module" src="/__local/asana-consent-done.js"></script>
      </head>
      <body style="font-family: system-ui, sans-serif; margin: 3rem auto; max-width: 32rem">
        <p id="said" data-connected="${String(connected)}">${said}</p>
        <p>You can close this window.</p>
      </body>
    </html>`;
}

/** The refresh token the dev server's background work uses: the local Asana admin's, as an admin would set one. */
export const LOCAL_BACKGROUND_GRANT = { ...LOCAL_ASANA_OAUTH_APP, refreshToken: LOCAL_ASANA_REFRESH_TOKEN };
