import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WORKSPACE, LOCAL_ASANA_ADMIN, LOCAL_ASANA_OUTSIDER, OTHER_WORKSPACE } from '../../emulators/asana/index';
import { at, createProject, createTask, dataList, gidOf, startTestAsana, type TestAsana } from './local-asana-harness';

let t: TestAsana;
let people: Array<{ gid: string; email: string; name: string }>;
beforeAll(async () => {
  t = await startTestAsana();
  const users = dataList(await t.call('GET', `/workspaces/${DEMO_WORKSPACE.gid}/users?opt_fields=email,name`));
  people = users
    .map((u) => ({ gid: String(at(u, 'gid')), email: String(at(u, 'email')), name: String(at(u, 'name')) }))
    .filter((p) => p.gid !== LOCAL_ASANA_ADMIN.gid);
});
afterAll(() => t.close());

describe('creating a task', () => {
  const createsFullTask =
    'takes the assignee by e-mail, the due date, a section through memberships, and notes; 201 with the full task';
  it(createsFullTask, async () => {
    const { project } = await createProject(t, 'Create');
    const kickoff = gidOf(await t.call('POST', `/projects/${project}/sections`, { data: { name: 'Kick-off' } }));
    const owner = people[0];
    if (!owner) throw new Error('no example people');
    const reply = await t.call('POST', '/tasks', {
      data: {
        name: 'Run the kick-off',
        notes: 'Agenda: scope & owners',
        assignee: owner.email,
        due_on: '2026-12-01',
        projects: [project],
        memberships: [{ project, section: kickoff }],
      },
    });
    expect(reply.status).toBe(201);
    const gid = gidOf(reply);
    expect(reply.headers.get('location')).toBe(`/tasks/${gid}`);
    expect(at(reply.body, 'data')).toMatchObject({
      gid,
      resource_type: 'task',
      resource_subtype: 'default_task',
      name: 'Run the kick-off',
      notes: 'Agenda: scope & owners',
      assignee: { gid: owner.gid, resource_type: 'user', name: owner.name },
      due_on: '2026-12-01',
      due_at: null,
      completed: false,
      memberships: [
        {
          project: { gid: project, resource_type: 'project', name: 'Create' },
          section: { gid: kickoff, resource_type: 'section', name: 'Kick-off' },
        },
      ],
      projects: [{ gid: project, resource_type: 'project', name: 'Create' }],
      workspace: { gid: DEMO_WORKSPACE.gid, resource_type: 'workspace', name: 'Handoff Demo' },
      parent: null,
      num_hearts: 0,
      tags: [],
      custom_fields: [],
    });
    expect(at(reply.body, 'data', 'followers')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ gid: owner.gid }),
        expect.objectContaining({ gid: LOCAL_ASANA_ADMIN.gid }),
      ]),
    );
    // Opt-in fields stay out of the default representation.
    for (const field of ['html_notes', 'dependencies', 'dependents', 'created_by', 'num_subtasks'])
      expect(at(reply.body, 'data', field)).toBeUndefined();
    const permalink = String(at(reply.body, 'data', 'permalink_url'));
    expect(permalink).toBe(`${t.asana.url.replace('/api/1.0', '')}/0/${project}/${gid}`);
    const page = await fetch(permalink);
    expect(await page.text()).toContain('Run the kick-off');
  });

  const firstSectionAndParent =
    'puts a task given only projects into each project’s first section, and takes html_notes and a parent';
  it(firstSectionAndParent, async () => {
    const { project, section } = await createProject(t, 'Defaults');
    const parent = await createTask(t, project, { name: 'Parent' });
    const gid = gidOf(
      await t.call('POST', '/tasks', {
        data: { parent, name: 'Child', html_notes: '<body>Bring <strong>coffee</strong></body>' },
      }),
    );
    const child = await t.call('GET', `/tasks/${gid}?opt_fields=notes,html_notes,parent.name,memberships,workspace`);
    expect(child.body).toEqual({
      data: {
        gid,
        notes: 'Bring coffee',
        html_notes: '<body>Bring <strong>coffee</strong></body>',
        parent: { gid: parent, name: 'Parent' },
        memberships: [],
        workspace: { gid: DEMO_WORKSPACE.gid, resource_type: 'workspace' },
      },
    });
    const top = await t.call('GET', `/tasks/${parent}?opt_fields=memberships.section.name,num_subtasks`);
    expect(top.body).toEqual({
      data: { gid: parent, memberships: [{ section: { gid: section, name: 'Untitled section' } }], num_subtasks: 1 },
    });
    expect(dataList(await t.call('GET', `/tasks/${parent}/subtasks`))).toEqual([
      { gid, resource_type: 'task', name: 'Child', resource_subtype: 'default_task' },
    ]);
  });

  it('refuses what Asana refuses', async () => {
    const { project } = await createProject(t, 'Refusals');
    const refused = async (data: Record<string, unknown>) => {
      const reply = await t.call('POST', '/tasks', { data });
      return [reply.status, at(reply.body, 'errors', 0, 'message')];
    };
    expect(await refused({ name: 'Nowhere' })).toEqual([400, 'workspace: Missing input']);
    expect(await refused({ projects: [project], assignee: LOCAL_ASANA_OUTSIDER.email })).toEqual([
      403,
      'assignee: Forbidden',
    ]);
    expect(await refused({ projects: [project], assignee: 'nobody@nowhere.example' })).toEqual([
      404,
      'assignee: Unknown object: nobody@nowhere.example',
    ]);
    expect(await refused({ projects: ['1299999999999999'] })).toEqual([
      404,
      'projects: [0]: Unknown object: 1299999999999999',
    ]);
    expect(await refused({ projects: [project], due_on: '2026-12-01', due_at: '2026-12-01T10:00:00Z' })).toEqual([
      400,
      'You may only provide one of due_on or due_at',
    ]);
    expect(await refused({ projects: [project], notes: 'a', html_notes: '<body>a</body>' })).toEqual([
      400,
      'You may only provide one of notes or html_notes',
    ]);
    expect(await refused({ projects: [project], html_notes: '<body><script>x</script></body>' })).toEqual([
      400,
      'html_notes: XML is invalid: <script> is not allowed',
    ]);
    expect(await refused({ projects: [project], html_notes: '<body><em>open</body>' })).toEqual([
      400,
      'html_notes: XML is invalid: </body> does not close the open element',
    ]);
    expect(await refused({ projects: [project], tags: ['1200000000000000'] })).toEqual([
      404,
      'tags: [0]: Unknown object: 1200000000000000',
    ]);
    const other = await createProject(t, 'Other');
    expect(await refused({ projects: [project], memberships: [{ project, section: other.section }] })).toEqual([
      400,
      'memberships: [0]: section: Section is not in the project',
    ]);
  });
});

describe('reading and updating a task', () => {
  it('updates only the fields given, keeps one due date, and answers the full task', async () => {
    const { project } = await createProject(t, 'Update');
    const gid = await createTask(t, project, { name: 'Before', due_on: '2026-12-01' });
    const someone = people[1];
    if (!someone) throw new Error('no example people');
    const updated = await t.call('PUT', `/tasks/${gid}`, {
      data: { name: 'After', assignee: someone.gid, due_at: '2026-12-02T15:30:00+01:00' },
    });
    expect(updated.status).toBe(200);
    expect(at(updated.body, 'data')).toMatchObject({
      gid,
      name: 'After',
      assignee: { gid: someone.gid },
      due_at: '2026-12-02T14:30:00.000Z',
      due_on: '2026-12-02',
      notes: '',
    });
    const done = await t.call('PUT', `/tasks/${gid}?opt_fields=completed,completed_at,completed_by,due_on,assignee`, {
      data: { completed: true, due_on: null, assignee: null },
    });
    expect(done.body).toEqual({
      data: {
        gid,
        completed: true,
        completed_at: expect.stringMatching(/Z$/),
        completed_by: { gid: LOCAL_ASANA_ADMIN.gid, resource_type: 'user' },
        due_on: null,
        assignee: null,
      },
    });
    const moved = await t.call('PUT', `/tasks/${gid}`, { data: { projects: [project] } });
    expect(moved.status).toBe(400);
  });

  it('answers 404 for a task that does not exist, and 403 for one in a workspace the caller is not in', async () => {
    expect((await t.call('GET', '/tasks/1299999999999999')).status).toBe(404);
    const theirs = gidOf(
      await t.call(
        'POST',
        '/tasks',
        { data: { workspace: OTHER_WORKSPACE.gid, name: 'Theirs' } },
        LOCAL_ASANA_OUTSIDER.oauthToken,
      ),
    );
    const refused = await t.call('GET', `/tasks/${theirs}`);
    expect(refused.status).toBe(403);
    expect(at(refused.body, 'errors', 0, 'message')).toBe('task: Forbidden');
  });

  it('deletes a task', async () => {
    const { project } = await createProject(t, 'Delete');
    const gid = await createTask(t, project);
    expect((await t.call('DELETE', `/tasks/${gid}`)).body).toEqual({ data: {} });
    expect((await t.call('GET', `/tasks/${gid}`)).status).toBe(404);
  });
});

describe('listing tasks', () => {
  const pagesTasks =
    'pages 120 tasks of a project 50 at a time with the fields asked for, and refuses a stranger’s offset';
  it(pagesTasks, async () => {
    const { project } = await createProject(t, 'Big');
    const owner = people[2];
    if (!owner) throw new Error('no example people');
    const created: string[] = [];
    for (let i = 0; i < 120; i += 1)
      created.push(await createTask(t, project, { name: `Item ${i}`, due_on: '2027-01-15', assignee: owner.gid }));

    const seen: unknown[] = [];
    let path: string | undefined = `/projects/${project}/tasks?limit=50&opt_fields=name,due_on,assignee.name`;
    const pages: number[] = [];
    while (path) {
      const reply = await t.call('GET', path);
      expect(reply.status).toBe(200);
      const page = dataList(reply);
      pages.push(page.length);
      seen.push(...page);
      const next = at(reply.body, 'next_page');
      path = next === null ? undefined : String(at(next, 'path'));
      if (next !== null) expect(at(next, 'uri')).toBe(`${t.asana.url}${path}`);
    }
    expect(pages).toEqual([50, 50, 20]);
    expect(seen.map((task) => at(task, 'gid'))).toEqual(created);
    expect(seen[119]).toEqual({
      gid: created[119],
      name: 'Item 119',
      due_on: '2027-01-15',
      assignee: { gid: owner.gid, name: owner.name },
    });

    const all = await t.call('GET', `/tasks?project=${project}`);
    expect(dataList(all)).toHaveLength(120);
    expect(at(all.body, 'next_page')).toBeUndefined();
    expect(dataList(all)[0]).toEqual({
      gid: created[0],
      resource_type: 'task',
      name: 'Item 0',
      resource_subtype: 'default_task',
    });

    const first = await t.call('GET', `/projects/${project}/tasks?limit=10`);
    const offset = String(at(first.body, 'next_page', 'offset'));
    const { project: other } = await createProject(t, 'Small');
    const stranger = await t.call('GET', `/projects/${other}/tasks?limit=10&offset=${offset}`);
    expect(stranger.status).toBe(400);
    expect(at(stranger.body, 'errors', 0, 'message')).toMatch(/^offset: /);
  });

  it('lists by section and by assignee + workspace, and wants exactly one filter', async () => {
    const { project, section } = await createProject(t, 'Filters');
    const mine = await createTask(t, project, { assignee: 'me', name: 'Mine' });
    expect(dataList(await t.call('GET', `/sections/${section}/tasks`)).map((x) => at(x, 'gid'))).toEqual([mine]);
    expect(dataList(await t.call('GET', `/tasks?section=${section}`)).map((x) => at(x, 'gid'))).toEqual([mine]);
    expect(
      dataList(await t.call('GET', `/tasks?assignee=me&workspace=${DEMO_WORKSPACE.gid}`)).map((x) => at(x, 'gid')),
    ).toContain(mine);
    const neither = await t.call('GET', `/tasks?workspace=${DEMO_WORKSPACE.gid}`);
    expect(neither.status).toBe(400);
    expect(at(neither.body, 'errors', 0, 'message')).toBe(
      'Must specify exactly one of project, tag, section, user task list, or assignee + workspace',
    );
  });
});
