import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ASANA_OAUTH_TOKEN, LOCAL_ASANA_PAT } from '../../emulators/asana/index';
import { at, createProject, createTask, dataList, gidOf, startTestAsana, type TestAsana } from './local-asana-harness';

let t: TestAsana;
let project: string;
beforeAll(async () => {
  t = await startTestAsana();
  ({ project } = await createProject(t, 'External'));
});
afterAll(() => t.close());

const external = { gid: 'acme-onboarding/kickoff', data: '{"recordId":"acme","planHash":"abc"}' };

describe('external data, seen through an OAuth token', () => {
  it('is stored on create, returned by default and by opt_fields, and finds the task as external:<gid>', async () => {
    const reply = await t.call(
      'POST',
      '/tasks',
      { data: { projects: [project], name: 'Kick-off', external } },
      LOCAL_ASANA_OAUTH_TOKEN,
    );
    const gid = gidOf(reply);
    expect(at(reply.body, 'data', 'external')).toEqual(external);
    expect((await t.call('GET', `/tasks/${gid}?opt_fields=external`)).body).toEqual({ data: { gid, external } });
    expect((await t.call('GET', `/tasks/${gid}?opt_fields=external.data`)).body).toEqual({
      data: { gid, external: { data: external.data } },
    });
    const byExternal = await t.call('GET', `/tasks/external:${encodeURIComponent(external.gid)}?opt_fields=name`);
    expect(byExternal.body).toEqual({ data: { gid, name: 'Kick-off' } });
    const listed = await t.call('GET', `/projects/${project}/tasks?opt_fields=external`);
    expect(dataList(listed)).toContainEqual({ gid, external });
  });

  it('can be replaced by update, and an external gid names one task', async () => {
    const gid = await createTask(t, project, { external: { gid: 'changing' } });
    const changed = await t.call('PUT', `/tasks/${gid}?opt_fields=external`, {
      data: { external: { gid: 'changed', data: 'v2' } },
    });
    expect(changed.body).toEqual({ data: { gid, external: { gid: 'changed', data: 'v2' } } });
    const taken = await t.call('POST', '/tasks', { data: { projects: [project], external: { gid: 'changed' } } });
    expect(taken.status).toBe(400);
    expect(at(taken.body, 'errors', 0, 'message')).toBe(
      'external.gid: Another object already has the external gid changed',
    );
    const replaced = await t.call('PUT', `/tasks/${gid}?opt_fields=external,name`, {
      data: { external: { data: 'v3' } },
    });
    expect(replaced.body).toEqual({ data: { gid, name: 'A task', external: { data: 'v3' } } });
    expect((await t.call('GET', '/tasks/external:changed')).status).toBe(404);
  });

  it('works as a task reference elsewhere: dependencies, stories, updates', async () => {
    const first = await createTask(t, project, { external: { gid: 'dep-a' } });
    const second = await createTask(t, project, { external: { gid: 'dep-b' } });
    expect(
      (await t.call('POST', '/tasks/external:dep-b/addDependencies', { data: { dependencies: ['external:dep-a'] } }))
        .status,
    ).toBe(200);
    expect(dataList(await t.call('GET', `/tasks/${second}/dependencies`)).map((d) => at(d, 'gid'))).toEqual([first]);
  });

  it('takes any characters in an external gid, escaped in the path', async () => {
    const gid = await createTask(t, project, { external: { gid: '100% done/#1?' } });
    expect(
      at((await t.call('GET', `/tasks/external:${encodeURIComponent('100% done/#1?')}`)).body, 'data', 'gid'),
    ).toBe(gid);
  });

  it('refuses an external gid over 1,024 characters', async () => {
    const reply = await t.call('POST', '/tasks', {
      data: { projects: [project], external: { gid: 'x'.repeat(1025) } },
    });
    expect(reply.status).toBe(400);
  });
});

describe('external data and a personal access token', () => {
  it('is never shown to a PAT, by default or when asked for', async () => {
    const gid = await createTask(
      t,
      project,
      { external: { gid: 'hidden-from-pat', data: 'secret' } },
      LOCAL_ASANA_OAUTH_TOKEN,
    );
    const full = await t.call('GET', `/tasks/${gid}`, undefined, LOCAL_ASANA_PAT);
    expect(full.status).toBe(200);
    expect(at(full.body, 'data', 'external')).toBeUndefined();
    expect((await t.call('GET', `/tasks/${gid}?opt_fields=external,name`, undefined, LOCAL_ASANA_PAT)).body).toEqual({
      data: { gid, name: 'A task' },
    });
    expect(
      dataList(await t.call('GET', `/projects/${project}/tasks?opt_fields=external`, undefined, LOCAL_ASANA_PAT)),
    ).toContainEqual({ gid });
  });

  it('cannot look a task up by external:<gid>: 404, as if it did not exist', async () => {
    await createTask(t, project, { external: { gid: 'oauth-only' } }, LOCAL_ASANA_OAUTH_TOKEN);
    const reply = await t.call('GET', '/tasks/external:oauth-only', undefined, LOCAL_ASANA_PAT);
    expect(reply.status).toBe(404);
    expect(at(reply.body, 'errors', 0, 'message')).toBe('task: Unknown object: external:oauth-only');
  });

  it('may send external on create: accepted and kept apart, invisible to the PAT and to the OAuth app', async () => {
    const reply = await t.call(
      'POST',
      '/tasks',
      { data: { projects: [project], name: 'Made with a PAT', external: { gid: 'from-pat', data: 'x' } } },
      LOCAL_ASANA_PAT,
    );
    expect(reply.status).toBe(201);
    const gid = gidOf(reply);
    expect(at(reply.body, 'data', 'external')).toBeUndefined();
    expect(
      at((await t.call('GET', `/tasks/${gid}`, undefined, LOCAL_ASANA_OAUTH_TOKEN)).body, 'data', 'external'),
    ).toBeUndefined();
    expect((await t.call('GET', '/tasks/external:from-pat', undefined, LOCAL_ASANA_OAUTH_TOKEN)).status).toBe(404);
    // The OAuth app's own data on the same task is unaffected, and vice versa.
    await t.call('PUT', `/tasks/${gid}`, { data: { external: { gid: 'from-oauth' } } }, LOCAL_ASANA_OAUTH_TOKEN);
    expect(
      at(
        (await t.call('GET', '/tasks/external:from-oauth?opt_fields=external', undefined, LOCAL_ASANA_OAUTH_TOKEN))
          .body,
        'data',
      ),
    ).toEqual({ gid, external: { gid: 'from-oauth' } });
  });
});
