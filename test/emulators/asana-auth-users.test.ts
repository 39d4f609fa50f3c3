import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_WORKSPACE,
  LOCAL_ASANA_ADMIN,
  LOCAL_ASANA_OUTSIDER,
  LOCAL_ASANA_PAT,
  OTHER_WORKSPACE,
  localAsanaTokens,
} from '../../emulators/asana/index';
import { at, startTestAsana, type TestAsana } from './local-asana-harness';

let t: TestAsana;
beforeAll(async () => {
  t = await startTestAsana();
});
afterAll(() => t.close());

describe('authentication', () => {
  it('answers 401 Not Authorized without a token, with another scheme, or with an unknown token', async () => {
    for (const token of [null, 'not-a-token', '1/1234567890:abcdef']) {
      const reply = await t.call('GET', '/users/me', undefined, token);
      expect(reply.status).toBe(401);
      expect(reply.body).toEqual({ errors: [{ message: 'Not Authorized' }] });
    }
    const basic = await fetch(`${t.asana.url}/users/me`, {
      headers: { authorization: `Basic ${Buffer.from('admin@handoff.local:x').toString('base64')}` },
    });
    expect(basic.status).toBe(401);
  });

  it('knows the admin by its OAuth token and by its personal access token', async () => {
    for (const token of [LOCAL_ASANA_ADMIN.oauthToken, LOCAL_ASANA_PAT]) {
      const me = await t.call('GET', '/users/me', undefined, token);
      expect(me.status).toBe(200);
      expect(me.body).toEqual({
        data: {
          gid: LOCAL_ASANA_ADMIN.gid,
          resource_type: 'user',
          name: 'Handoff Admin',
          email: 'admin@handoff.local',
          photo: null,
          workspaces: [{ gid: DEMO_WORKSPACE.gid, resource_type: 'workspace', name: 'Handoff Demo' }],
        },
      });
    }
    expect(LOCAL_ASANA_PAT).toMatch(/^1\/\d{16}:[0-9a-f]{32}$/);
    expect(LOCAL_ASANA_ADMIN.oauthToken).toMatch(/^local-oauth\.[0-9a-f]{40}$/);
  });

  it('answers opt_fields with the gid and exactly the fields asked for', async () => {
    const me = await t.call('GET', '/users/me?opt_fields=email,workspaces.name');
    expect(me.body).toEqual({
      data: {
        gid: LOCAL_ASANA_ADMIN.gid,
        email: 'admin@handoff.local',
        workspaces: [{ gid: DEMO_WORKSPACE.gid, name: 'Handoff Demo' }],
      },
    });
  });
});

describe('workspaces', () => {
  it('lists the caller’s workspaces only, compact', async () => {
    expect((await t.call('GET', '/workspaces')).body).toEqual({
      data: [{ gid: DEMO_WORKSPACE.gid, resource_type: 'workspace', name: 'Handoff Demo' }],
    });
    const other = await t.call('GET', '/workspaces', undefined, LOCAL_ASANA_OUTSIDER.oauthToken);
    expect(at(other.body, 'data', 0, 'name')).toBe(OTHER_WORKSPACE.name);
  });

  it('refuses a workspace the caller is not a member of with 403, and an unknown one with 404', async () => {
    const forbidden = await t.call('GET', `/workspaces/${OTHER_WORKSPACE.gid}`);
    expect(forbidden.status).toBe(403);
    expect(at(forbidden.body, 'errors', 0, 'message')).toBe('workspace: Forbidden');
    expect(at(forbidden.body, 'errors', 0, 'help')).toMatch(/developers\.asana\.com\/docs\/errors/);
    expect((await t.call('GET', `/workspaces/${OTHER_WORKSPACE.gid}/users`)).status).toBe(403);
    const unknown = await t.call('GET', '/workspaces/1299999999999999');
    expect(unknown.status).toBe(404);
    expect(at(unknown.body, 'errors', 0, 'message')).toBe('workspace: Unknown object: 1299999999999999');
    expect((await t.call('GET', '/workspaces/abc')).status).toBe(400);
  });
});

describe('people', () => {
  it('lists the workspace’s members with their e-mails when asked, the example people among them', async () => {
    const users = await t.call('GET', `/workspaces/${DEMO_WORKSPACE.gid}/users?opt_fields=email,name`);
    const list = at(users.body, 'data');
    if (!Array.isArray(list)) throw new Error('no list');
    expect(list[0]).toEqual({ gid: LOCAL_ASANA_ADMIN.gid, email: 'admin@handoff.local', name: 'Handoff Admin' });
    expect(list.length).toBeGreaterThan(5);
    expect(list.every((u) => typeof at(u, 'email') === 'string')).toBe(true);
    expect(list.map((u) => at(u, 'email'))).not.toContain(LOCAL_ASANA_OUTSIDER.email);
  });

  it('finds a person by e-mail, gid or me, and refuses one the caller shares no workspace with', async () => {
    const users = await t.call('GET', `/workspaces/${DEMO_WORKSPACE.gid}/users?opt_fields=email`);
    const someone = at(users.body, 'data', 1);
    const byEmail = await t.call('GET', `/users/${encodeURIComponent(String(at(someone, 'email')))}?opt_fields=email`);
    expect(byEmail.body).toEqual({ data: someone });
    expect(at((await t.call('GET', `/users/${String(at(someone, 'gid'))}`)).body, 'data', 'email')).toBe(
      at(someone, 'email'),
    );
    expect((await t.call('GET', `/users/${LOCAL_ASANA_OUTSIDER.email}`)).status).toBe(403);
    expect((await t.call('GET', `/users/${LOCAL_ASANA_OUTSIDER.gid}`)).status).toBe(403);
    const nobody = await t.call('GET', '/users/nobody@nowhere.example');
    expect(nobody.status).toBe(404);
    expect(at(nobody.body, 'errors', 0, 'message')).toBe('user: Unknown object: nobody@nowhere.example');
  });

  const addsPersonByEmail =
    'adds a person to a workspace by e-mail (inviting a new one), after which they are found by e-mail and can sign in';
  it(addsPersonByEmail, async () => {
    const added = await t.call('POST', `/workspaces/${DEMO_WORKSPACE.gid}/addUser`, {
      data: { user: 'new.person@vendor.example' },
    });
    expect(added.status).toBe(200);
    expect(added.body).toEqual({
      data: {
        gid: expect.stringMatching(/^\d{16}$/),
        resource_type: 'user',
        name: 'New Person',
        email: 'new.person@vendor.example',
        photo: null,
      },
    });
    const found = await t.call('GET', '/users/new.person@vendor.example?opt_fields=name');
    expect(at(found.body, 'data', 'gid')).toBe(at(added.body, 'data', 'gid'));
    const again = await t.call('POST', `/workspaces/${DEMO_WORKSPACE.gid}/addUser`, {
      data: { user: 'new.person@vendor.example' },
    });
    expect(at(again.body, 'data', 'gid')).toBe(at(added.body, 'data', 'gid'));
    const them = await t.call(
      'GET',
      '/users/me?opt_fields=email',
      undefined,
      localAsanaTokens('new.person@vendor.example').personalAccessToken,
    );
    expect(at(them.body, 'data', 'email')).toBe('new.person@vendor.example');
  });

  it('adds someone from another workspace, who then sees both', async () => {
    await t.call('POST', `/workspaces/${DEMO_WORKSPACE.gid}/addUser`, { data: { user: LOCAL_ASANA_OUTSIDER.email } });
    const theirs = await t.call('GET', '/workspaces?opt_fields=name', undefined, LOCAL_ASANA_OUTSIDER.oauthToken);
    expect(at(theirs.body, 'data')).toEqual([
      { gid: DEMO_WORKSPACE.gid, name: 'Handoff Demo' },
      { gid: OTHER_WORKSPACE.gid, name: 'Elsewhere Ltd' },
    ]);
    // Now in two workspaces, they must say which one a list is about.
    const ambiguous = await t.call('GET', '/projects', undefined, LOCAL_ASANA_OUTSIDER.oauthToken);
    expect(ambiguous.status).toBe(400);
    expect(at(ambiguous.body, 'errors', 0, 'message')).toBe(
      'This request accesses data in multiple workspaces. Please specify a workspace or team.',
    );
    const everyone = await t.call('GET', '/users?opt_fields=email', undefined, LOCAL_ASANA_OUTSIDER.oauthToken);
    expect(JSON.stringify(everyone.body)).toContain(LOCAL_ASANA_OUTSIDER.email);
    expect(JSON.stringify(everyone.body)).toContain('admin@handoff.local');
  });
});
