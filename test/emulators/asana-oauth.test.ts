import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_TEAM,
  ACCESS_TOKEN_SECONDS,
  DEMO_WORKSPACE,
  LOCAL_ASANA_ADMIN,
  LOCAL_ASANA_OAUTH_APP,
  LOCAL_ASANA_OAUTH_TOKEN,
  LOCAL_ASANA_PAT,
  LOCAL_ASANA_REFRESH_TOKEN,
} from '../../emulators/asana/index';
import { createHash } from 'node:crypto';
import { manualClock } from '../../emulators/common/clock';
import { at, createTask, gidOf, startTestAsana, type TestAsana } from './local-asana-harness';

const HOUR_MS = ACCESS_TOKEN_SECONDS * 1000;
const clock = manualClock();
let t: TestAsana;
beforeAll(async () => {
  t = await startTestAsana({ clock });
});
afterAll(() => t.close());

/** POST /-/oauth_token at the site's root, form-encoded as OAuth 2.0 wants it. */
async function exchange(fields: Record<string, string>) {
  const response = await fetch(`${t.asana.url.replace(/\/api\/1\.0$/, '')}/-/oauth_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  const text = await response.text();
  const body: unknown = JSON.parse(text);
  return { status: response.status, text, body };
}

const refreshGrant = (overrides: Record<string, string> = {}) =>
  exchange({
    grant_type: 'refresh_token',
    client_id: LOCAL_ASANA_OAUTH_APP.clientId,
    client_secret: LOCAL_ASANA_OAUTH_APP.clientSecret,
    refresh_token: LOCAL_ASANA_REFRESH_TOKEN,
    ...overrides,
  });

const status = async (token: string) => (await t.call('GET', '/users/me', undefined, token)).status;

// Runs in order on one clock: each test starts where the one before left it.
describe('Asana OAuth access tokens expire after 3600 s (expires_in), PATs never', () => {
  it('the admin OAuth token works until an hour after the start, then answers 401 Not Authorized', async () => {
    clock.advance(HOUR_MS - 1);
    expect(await status(LOCAL_ASANA_OAUTH_TOKEN)).toBe(200);
    clock.advance(1);
    const expired = await t.call('GET', '/users/me', undefined, LOCAL_ASANA_OAUTH_TOKEN);
    expect([expired.status, expired.body]).toEqual([401, { errors: [{ message: 'Not Authorized' }] }]);
    // A personal access token does not expire.
    clock.advance(24 * HOUR_MS);
    expect(await status(LOCAL_ASANA_PAT)).toBe(200);
  });

  it('the refresh-token grant gives a new access token for an hour, an OAuth one (it sees external data)', async () => {
    const reply = await refreshGrant();
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      access_token: expect.stringMatching(/^local-oauth\.[0-9a-f]{40}$/),
      token_type: 'bearer',
      expires_in: 3600,
      data: {
        id: Number(LOCAL_ASANA_ADMIN.gid),
        gid: LOCAL_ASANA_ADMIN.gid,
        name: LOCAL_ASANA_ADMIN.name,
        email: LOCAL_ASANA_ADMIN.email,
      },
    });
    const token = String(at(reply.body, 'access_token'));
    const project = gidOf(
      await t.call(
        'POST',
        '/projects',
        { data: { workspace: DEMO_WORKSPACE.gid, team: DEMO_TEAM.gid, name: 'OAuth app' } },
        LOCAL_ASANA_PAT,
      ),
    );
    const task = await createTask(t, project, { external: { gid: 'oauth-probe', data: 'x' } }, token);
    const read = await t.call('GET', `/tasks/${task}?opt_fields=external`, undefined, token);
    expect(at(read.body, 'data', 'external')).toEqual({ gid: 'oauth-probe', data: 'x' });

    clock.advance(HOUR_MS - 1);
    expect(await status(token)).toBe(200);
    clock.advance(1);
    expect(await status(token)).toBe(401);
    // The refresh token still works: another hour.
    const again = String(at((await refreshGrant()).body, 'access_token'));
    expect(again).not.toBe(token);
    expect(await status(again)).toBe(200);
  });

  it('counts the token exchange as a request, outside the API spec', async () => {
    t.asana.resetStats();
    await refreshGrant();
    expect(t.asana.stats().requests).toEqual({ 'POST /-/oauth_token': 1 });
  });

  it('refuses a wrong secret (401 invalid_client), an unknown refresh token (400 invalid_grant)', async () => {
    const cases = [
      [refreshGrant({ client_secret: 'not-the-secret' }), 401, 'invalid_client'],
      [refreshGrant({ client_id: '1' }), 401, 'invalid_client'],
      [refreshGrant({ refresh_token: 'local-refresh.0000' }), 400, 'invalid_grant'],
      [refreshGrant({ grant_type: '' }), 400, 'invalid_request'],
      [refreshGrant({ grant_type: 'authorization_code', code: 'x' }), 400, 'invalid_grant'],
      [refreshGrant({ grant_type: 'password' }), 400, 'unsupported_grant_type'],
    ] as const;
    for (const [reply, code, error] of cases) {
      const { status: got, body, text } = await reply;
      expect([got, at(body, 'error')]).toEqual([code, error]);
      // The answer never repeats the secret or the refresh token it was sent.
      expect(text).not.toContain(LOCAL_ASANA_OAUTH_APP.clientSecret);
      expect(text).not.toContain(LOCAL_ASANA_REFRESH_TOKEN);
    }
  });
});

describe('OAuth authorize: the consent page gives a single-use, short-lived code for one redirect_uri', () => {
  const site = () => t.asana.url.replace(/\/api\/1\.0$/, '');
  const REDIRECT = 'http://127.0.0.1:8787/asana/callback';
  const query = (extra: Record<string, string> = {}) =>
    new URLSearchParams({
      client_id: LOCAL_ASANA_OAUTH_APP.clientId,
      redirect_uri: REDIRECT,
      response_type: 'code',
      state: 'st-123',
      ...extra,
    });
  /** What the consent form posts when the admin allows (or denies); the redirect it answers. */
  async function consent(extra: Record<string, string> = {}, decision = 'allow') {
    const body = query(extra);
    body.set('user', LOCAL_ASANA_ADMIN.gid);
    body.set('decision', decision);
    const response = await fetch(`${site()}/-/oauth_authorize`, { method: 'POST', body, redirect: 'manual' });
    return { status: response.status, location: new URL(response.headers.get('location') ?? 'about:blank') };
  }
  const codeGrant = (code: string, extra: Record<string, string> = {}) =>
    exchange({
      grant_type: 'authorization_code',
      client_id: LOCAL_ASANA_OAUTH_APP.clientId,
      client_secret: LOCAL_ASANA_OAUTH_APP.clientSecret,
      code,
      redirect_uri: REDIRECT,
      ...extra,
    });

  it('shows a consent page for a known app, and refuses an unknown client without redirecting', async () => {
    const page = await fetch(`${site()}/-/oauth_authorize?${query()}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Allow Handoff to access your Asana account?');
    const unknown = await fetch(`${site()}/-/oauth_authorize?${query({ client_id: '1' })}`, { redirect: 'manual' });
    expect([unknown.status, unknown.headers.get('location')]).toEqual([400, null]);
  });

  it('redirects with code and state; the code gives tokens for the admin once, then never again', async () => {
    const allowed = await consent();
    expect(allowed.status).toBe(302);
    expect(allowed.location.origin + allowed.location.pathname).toBe(REDIRECT);
    expect(allowed.location.searchParams.get('state')).toBe('st-123');
    const code = allowed.location.searchParams.get('code') ?? '';
    const first = await codeGrant(code);
    expect(first.status).toBe(200);
    expect(at(first.body, 'data', 'gid')).toBe(LOCAL_ASANA_ADMIN.gid);
    expect(at(first.body, 'refresh_token')).toBe(LOCAL_ASANA_REFRESH_TOKEN);
    const token = String(at(first.body, 'access_token'));
    expect(at((await t.call('GET', '/users/me', undefined, token)).body, 'data', 'gid')).toBe(LOCAL_ASANA_ADMIN.gid);
    const again = await codeGrant(code);
    expect([again.status, at(again.body, 'error')]).toEqual([400, 'invalid_grant']);
  });

  it('refuses a code sent with another redirect_uri (and it is spent then), and an expired one', async () => {
    const mismatched = (await consent()).location.searchParams.get('code') ?? '';
    const wrong = await codeGrant(mismatched, { redirect_uri: 'http://127.0.0.1:8787/elsewhere' });
    expect([wrong.status, at(wrong.body, 'error')]).toEqual([400, 'invalid_grant']);
    expect((await codeGrant(mismatched)).status).toBe(400);
    const late = (await consent()).location.searchParams.get('code') ?? '';
    clock.advance(10 * 60 * 1000);
    const expired = await codeGrant(late);
    expect([expired.status, at(expired.body, 'error')]).toEqual([400, 'invalid_grant']);
  });

  it('checks a PKCE verifier against the S256 challenge; Deny redirects with access_denied', async () => {
    const verifier = 'a-verifier-of-enough-length-0123456789abcdef';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const pkce = { code_challenge: challenge, code_challenge_method: 'S256' };
    const bad = await codeGrant((await consent(pkce)).location.searchParams.get('code') ?? '', {
      code_verifier: 'other',
    });
    expect(bad.status).toBe(400);
    const good = await codeGrant((await consent(pkce)).location.searchParams.get('code') ?? '', {
      code_verifier: verifier,
    });
    expect(good.status).toBe(200);
    const denied = await consent({}, 'deny');
    expect(denied.location.searchParams.get('error')).toBe('access_denied');
    expect(denied.location.searchParams.get('code')).toBeNull();
  });
});
