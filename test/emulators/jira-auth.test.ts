import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ADMIN, LOCAL_FORGE_APP, LOCAL_VIEWER } from '../../emulators/jira/index';
import { at, doc, startTestJira, taskFields, type TestJira } from './local-jira-harness';

let t: TestJira;
beforeAll(async () => {
  t = await startTestJira();
});
afterAll(() => t.close());

describe('authentication', () => {
  it.each([
    ['no credentials', null],
    ['a wrong API token', { email: LOCAL_ADMIN.email, apiToken: 'not-the-token' }],
    ['an unknown e-mail', { email: 'nobody@handoff.local', apiToken: LOCAL_ADMIN.apiToken }],
  ])('refuses %s with 401 and Jira Cloud’s sentence', async (_name, who) => {
    const reply = await t.call('GET', '/rest/api/3/myself', undefined, who);
    expect(reply.status).toBe(401);
    expect(reply.text).toBe('Client must be authenticated to access this resource.');
    expect(reply.headers.get('www-authenticate')).toMatch(/^Basic/);
  });

  it('answers /myself with the user the token belongs to', async () => {
    const reply = await t.call('GET', '/rest/api/3/myself', undefined, LOCAL_VIEWER);
    expect(reply.status).toBe(200);
    expect(at(reply.body, 'emailAddress')).toBe(LOCAL_VIEWER.email);
    expect(at(reply.body, 'accountId')).toMatch(/^712020:[0-9a-f-]{36}$/);
  });
});

describe('project permissions', () => {
  it('lets the viewer browse DEL but not create in it (403)', async () => {
    expect((await t.call('GET', '/rest/api/3/project/DEL', undefined, LOCAL_VIEWER)).status).toBe(200);
    const reply = await t.call('POST', '/rest/api/3/issue', { fields: taskFields() }, LOCAL_VIEWER);
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({
      errorMessages: ['You do not have permission to create issues in this project.'],
      errors: {},
    });
  });

  it('refuses the viewer’s edit with 403 and leaves the issue alone', async () => {
    const created = await t.call('POST', '/rest/api/3/issue', {
      fields: taskFields({ summary: 'Owned by the admin' }),
    });
    const key = String(at(created.body, 'key'));
    const reply = await t.call('PUT', `/rest/api/3/issue/${key}`, { fields: { summary: 'Hijacked' } }, LOCAL_VIEWER);
    expect(reply.status).toBe(403);
    expect(at((await t.call('GET', `/rest/api/3/issue/${key}?fields=summary`)).body, 'fields', 'summary')).toBe(
      'Owned by the admin',
    );
  });

  it('fails every element of the viewer’s bulk create with status 403, and the request with 400', async () => {
    const reply = await t.call(
      'POST',
      '/rest/api/3/issue/bulk',
      { issueUpdates: [{ fields: taskFields() }] },
      LOCAL_VIEWER,
    );
    expect(reply.status).toBe(400);
    expect(at(reply.body, 'errors', 0, 'status')).toBe(403);
    expect(at(reply.body, 'errors', 0, 'failedElementNumber')).toBe(0);
  });

  it('reports permissions truthfully in /mypermissions', async () => {
    const path = '/rest/api/3/mypermissions?projectKey=DEL&permissions=BROWSE_PROJECTS,CREATE_ISSUES,EDIT_ISSUES';
    const viewer = await t.call('GET', path, undefined, LOCAL_VIEWER);
    expect(at(viewer.body, 'permissions', 'BROWSE_PROJECTS', 'havePermission')).toBe(true);
    expect(at(viewer.body, 'permissions', 'CREATE_ISSUES', 'havePermission')).toBe(false);
    expect(at(viewer.body, 'permissions', 'EDIT_ISSUES', 'havePermission')).toBe(false);
    const admin = await t.call('GET', path);
    expect(at(admin.body, 'permissions', 'CREATE_ISSUES')).toMatchObject({
      id: '11',
      key: 'CREATE_ISSUES',
      type: 'PROJECT',
      havePermission: true,
    });
  });

  it("the app's account: project permissions via atlassian-addons-project-access; an admin can take one", async () => {
    const path = '/rest/api/3/mypermissions?projectKey=DEL&permissions=ADMINISTER,SCHEDULE_ISSUES,LINK_ISSUES';
    const before = await t.call('GET', path, undefined, LOCAL_FORGE_APP);
    expect(at(before.body, 'permissions', 'ADMINISTER', 'havePermission')).toBe(false);
    expect(at(before.body, 'permissions', 'SCHEDULE_ISSUES')).toMatchObject({ id: '28', havePermission: true });
    const revoke = await fetch(`${t.jira.url}/__emulator/permissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ projectKey: 'DEL', role: 'atlassian-addons-project-access', revoke: ['SCHEDULE_ISSUES'] }),
    });
    expect(revoke.status).toBe(200);
    const after = await t.call('GET', path, undefined, LOCAL_FORGE_APP);
    expect(at(after.body, 'permissions', 'SCHEDULE_ISSUES', 'havePermission')).toBe(false);
    expect(at(after.body, 'permissions', 'LINK_ISSUES', 'havePermission')).toBe(true);
    // Without Schedule Issues the due date is off the create screen, as Jira leaves it.
    const reply = await t.call(
      'POST',
      '/rest/api/3/issue',
      { fields: taskFields({ duedate: '2026-12-24' }) },
      LOCAL_FORGE_APP,
    );
    expect(reply.status).toBe(400);
    expect(at(reply.body, 'errors', 'duedate')).toMatch(/cannot be set/);
    expect((await t.call('POST', '/rest/api/3/issue', { fields: taskFields() }, LOCAL_FORGE_APP)).status).toBe(201);
  });

  it('answers /mypermissions mistakes as Jira does', async () => {
    expect((await t.call('GET', '/rest/api/3/mypermissions?projectKey=DEL')).body).toEqual({
      errorMessages: ["The 'permissions' query parameter is required."],
      errors: {},
    });
    expect((await t.call('GET', '/rest/api/3/mypermissions?permissions=LAUNCH_ROCKETS')).body).toEqual({
      errorMessages: [],
      errors: { LAUNCH_ROCKETS: 'Unrecognized permission' },
    });
    const unknown = await t.call('GET', '/rest/api/3/mypermissions?projectKey=NOPE&permissions=CREATE_ISSUES');
    expect(unknown.status).toBe(404);
  });

  it('lets the viewer read issues and comments but not comment (400, as the spec has no 403 there)', async () => {
    const created = await t.call('POST', '/rest/api/3/issue', { fields: taskFields() });
    const key = String(at(created.body, 'key'));
    expect((await t.call('GET', `/rest/api/3/issue/${key}`, undefined, LOCAL_VIEWER)).status).toBe(200);
    const reply = await t.call('POST', `/rest/api/3/issue/${key}/comment`, { body: doc('hi') }, LOCAL_VIEWER);
    expect(reply.status).toBe(400);
    expect(at(reply.body, 'errorMessages', 0)).toBe('You do not have the permission to comment on this issue.');
  });
});
