import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_TEAM,
  DEMO_WORKSPACE,
  LOCAL_ASANA_ADMIN,
  LOCAL_ASANA_OUTSIDER,
  OTHER_WORKSPACE,
} from '../../emulators/asana/index';
import { at, dataList, gidOf, startTestAsana, type TestAsana } from './local-asana-harness';

let t: TestAsana;
beforeAll(async () => {
  t = await startTestAsana();
});
afterAll(() => t.close());

describe('projects', () => {
  it('creates a project in a workspace: 201, Location, the full project, one "Untitled section"', async () => {
    const reply = await t.call('POST', '/projects', {
      data: {
        workspace: DEMO_WORKSPACE.gid,
        team: DEMO_TEAM.gid,
        name: 'Acme onboarding',
        notes: 'Kick-off <soon>',
        color: 'light-green',
      },
    });
    expect(reply.status).toBe(201);
    const gid = gidOf(reply);
    expect(reply.headers.get('location')).toBe(`/projects/${gid}`);
    expect(at(reply.body, 'data')).toMatchObject({
      gid,
      resource_type: 'project',
      name: 'Acme onboarding',
      notes: 'Kick-off <soon>',
      color: 'light-green',
      archived: false,
      owner: { gid: LOCAL_ASANA_ADMIN.gid, resource_type: 'user', name: 'Handoff Admin' },
      workspace: { gid: DEMO_WORKSPACE.gid, resource_type: 'workspace', name: 'Handoff Demo' },
      members: [{ gid: LOCAL_ASANA_ADMIN.gid, resource_type: 'user', name: 'Handoff Admin' }],
    });
    expect(at(reply.body, 'data', 'html_notes')).toBeUndefined(); // opt-in
    const rich = await t.call('GET', `/projects/${gid}?opt_fields=html_notes,name`);
    expect(rich.body).toEqual({
      data: { gid, html_notes: '<body>Kick-off &lt;soon&gt;</body>', name: 'Acme onboarding' },
    });
    const sections = await t.call('GET', `/projects/${gid}/sections`);
    expect(at(sections.body, 'data')).toEqual([
      { gid: expect.any(String), resource_type: 'section', name: 'Untitled section' },
    ]);
  });

  it('lists a workspace’s projects, and creates one with the workspace in the path', async () => {
    const gid = gidOf(
      await t.call('POST', `/workspaces/${DEMO_WORKSPACE.gid}/projects`, {
        data: { name: 'Via the workspace', team: DEMO_TEAM.gid },
      }),
    );
    const listed = await t.call('GET', `/projects?workspace=${DEMO_WORKSPACE.gid}`);
    expect(at(listed.body, 'data')).toContainEqual({ gid, resource_type: 'project', name: 'Via the workspace' });
    expect((await t.call('GET', '/projects')).body).toEqual(listed.body); // the caller's only workspace
    expect(
      at((await t.call('GET', `/workspaces/${DEMO_WORKSPACE.gid}/projects?archived=false`)).body, 'data'),
    ).toContainEqual({ gid, resource_type: 'project', name: 'Via the workspace' });
  });

  const refusesWhatAsanaRefuses =
    'refuses what Asana refuses: no workspace, a workspace of others, a project of others, the wrong type';
  it(refusesWhatAsanaRefuses, async () => {
    const missing = await t.call('POST', '/projects', { data: { name: 'Nowhere' } });
    expect(missing.status).toBe(400);
    expect(at(missing.body, 'errors', 0, 'message')).toBe('workspace: Missing input');
    expect(
      (await t.call('POST', '/projects', { data: { workspace: OTHER_WORKSPACE.gid, name: 'Theirs' } })).status,
    ).toBe(403);
    const theirs = gidOf(
      await t.call(
        'POST',
        '/projects',
        { data: { workspace: OTHER_WORKSPACE.gid, name: 'Theirs' } },
        LOCAL_ASANA_OUTSIDER.oauthToken,
      ),
    );
    expect((await t.call('GET', `/projects/${theirs}`)).status).toBe(403);
    const wrongType = await t.call('GET', `/projects/${DEMO_WORKSPACE.gid}`);
    expect(wrongType.status).toBe(403);
    expect(at(wrongType.body, 'errors', 0, 'message')).toBe('project: Not the correct type');
  });
});

describe('sections', () => {
  it('adds sections at the end or before and after others, and lists them in order', async () => {
    const project = gidOf(
      await t.call('POST', '/projects', {
        data: { workspace: DEMO_WORKSPACE.gid, team: DEMO_TEAM.gid, name: 'Sections' },
      }),
    );
    const add = async (data: Record<string, unknown>) => {
      const reply = await t.call('POST', `/projects/${project}/sections`, { data });
      expect(reply.status).toBe(201);
      return gidOf(reply);
    };
    const discovery = await add({ name: 'Discovery' });
    await add({ name: 'Build' });
    await add({ name: 'Kick-off', insert_before: discovery });
    await add({ name: 'Design', insert_after: discovery });
    const listed = await t.call('GET', `/projects/${project}/sections?opt_fields=name,project.name`);
    expect(dataList(listed).map((s) => at(s, 'name'))).toEqual([
      'Untitled section',
      'Kick-off',
      'Discovery',
      'Design',
      'Build',
    ]);
    expect(at(listed.body, 'data', 1, 'project')).toEqual({ gid: project, name: 'Sections' });
    const one = await t.call('GET', `/sections/${discovery}`);
    expect(at(one.body, 'data')).toMatchObject({
      gid: discovery,
      resource_type: 'section',
      name: 'Discovery',
      project: { gid: project, resource_type: 'project', name: 'Sections' },
    });
  });

  it('pages through sections with limit and offset', async () => {
    const project = gidOf(
      await t.call('POST', '/projects', {
        data: { workspace: DEMO_WORKSPACE.gid, team: DEMO_TEAM.gid, name: 'Paged sections' },
      }),
    );
    for (const name of ['A', 'B', 'C']) await t.call('POST', `/projects/${project}/sections`, { data: { name } });
    const first = await t.call('GET', `/projects/${project}/sections?limit=3`);
    expect(dataList(first)).toHaveLength(3);
    const offset = String(at(first.body, 'next_page', 'offset'));
    expect(at(first.body, 'next_page', 'path')).toBe(`/projects/${project}/sections?limit=3&offset=${offset}`);
    const second = await t.call('GET', String(at(first.body, 'next_page', 'path')));
    expect(at(second.body, 'data')).toEqual([{ gid: expect.any(String), resource_type: 'section', name: 'C' }]);
    expect(at(second.body, 'next_page')).toBeNull();
  });
});

describe('deleting a project', () => {
  it('removes the project and its sections; its tasks stay, in no project', async () => {
    const project = gidOf(
      await t.call('POST', '/projects', {
        data: { workspace: DEMO_WORKSPACE.gid, team: DEMO_TEAM.gid, name: 'Doomed' },
      }),
    );
    const task = gidOf(await t.call('POST', '/tasks', { data: { projects: [project], name: 'Survivor' } }));
    expect(await t.call('DELETE', `/projects/${project}`)).toMatchObject({ status: 200, body: { data: {} } });
    expect((await t.call('GET', `/projects/${project}`)).status).toBe(404);
    expect(at((await t.call('GET', `/tasks/${task}?opt_fields=projects`)).body, 'data', 'projects')).toEqual([]);
  });
});
