import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LOCAL_ASANA_ADMIN,
  LOCAL_ASANA_OUTSIDER,
  MAX_DEPENDENCY_LINKS,
  OTHER_WORKSPACE,
} from '../../emulators/asana/index';
import { at, createProject, createTask, dataList, gidOf, startTestAsana, type TestAsana } from './local-asana-harness';

let t: TestAsana;
let project: string;
beforeAll(async () => {
  t = await startTestAsana();
  ({ project } = await createProject(t, 'Links'));
});
afterAll(() => t.close());

const addDependencies = (task: string, dependencies: string[]) =>
  t.call('POST', `/tasks/${task}/addDependencies`, { data: { dependencies } });
const gids = async (path: string) => dataList(await t.call('GET', path)).map((x) => at(x, 'gid'));

describe('dependencies', () => {
  it('links tasks, lists dependencies and dependents, and adding a link again changes nothing', async () => {
    const [design, build, launch] = [
      await createTask(t, project),
      await createTask(t, project),
      await createTask(t, project),
    ];
    const reply = await addDependencies(launch, [design, build]);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ data: {} });
    expect(await addDependencies(launch, [design])).toMatchObject({ status: 200 });
    expect(await gids(`/tasks/${launch}/dependencies`)).toEqual([design, build]);
    expect(await gids(`/tasks/${design}/dependents`)).toEqual([launch]);
    const full = await t.call('GET', `/tasks/${launch}?opt_fields=dependencies,dependents`);
    expect(full.body).toEqual({
      data: {
        gid: launch,
        dependencies: [
          { gid: design, resource_type: 'task' },
          { gid: build, resource_type: 'task' },
        ],
        dependents: [],
      },
    });
    await t.call('POST', `/tasks/${design}/addDependents`, { data: { dependents: [build] } });
    expect(await gids(`/tasks/${build}/dependencies`)).toEqual([design]);
    await t.call('POST', `/tasks/${launch}/removeDependencies`, { data: { dependencies: [build] } });
    expect(await gids(`/tasks/${launch}/dependencies`)).toEqual([design]);
  });

  it(`holds every task to ${MAX_DEPENDENCY_LINKS} dependents and dependencies combined, all or nothing`, async () => {
    const hub = await createTask(t, project, { name: 'Hub' });
    const others: string[] = [];
    for (let i = 0; i < MAX_DEPENDENCY_LINKS + 1; i += 1)
      others.push(await createTask(t, project, { name: `Spoke ${i}` }));
    expect((await addDependencies(hub, others.slice(0, 25))).status).toBe(200);
    await t.call('POST', `/tasks/${hub}/addDependents`, { data: { dependents: others.slice(25, 30) } });
    expect(await gids(`/tasks/${hub}/dependencies`)).toHaveLength(25);
    // Thirty links now; one more is refused, whichever way it comes, and nothing is added.
    const refused = await addDependencies(hub, [others[30] ?? '']);
    expect(refused.status).toBe(400);
    expect(at(refused.body, 'errors', 0, 'message')).toMatch(
      /^dependencies: A task can have at most 30 dependents and dependencies combined/,
    );
    expect((await t.call('POST', `/tasks/${others[30]}/addDependents`, { data: { dependents: [hub] } })).status).toBe(
      400,
    );
    expect(await gids(`/tasks/${hub}/dependencies`)).toHaveLength(25);
    // Adding links it already has is no change, so it is not refused.
    expect((await addDependencies(hub, others.slice(0, 3))).status).toBe(200);
  });

  it('refuses a task depending on itself or closing a cycle', async () => {
    const [a, b] = [await createTask(t, project), await createTask(t, project)];
    expect((await addDependencies(a, [a])).status).toBe(400);
    await addDependencies(b, [a]);
    const cycle = await addDependencies(a, [b]);
    expect(cycle.status).toBe(400);
    expect(at(cycle.body, 'errors', 0, 'message')).toBe(
      'dependencies: [0]: Adding this dependency would create a cycle',
    );
  });

  it('answers 402 Payment Required in a workspace that is not premium', async () => {
    const outsider = LOCAL_ASANA_OUTSIDER.oauthToken;
    const theirs = gidOf(
      await t.call('POST', '/projects', { data: { workspace: OTHER_WORKSPACE.gid, name: 'Free' } }, outsider),
    );
    const [x, y] = [await createTask(t, theirs, {}, outsider), await createTask(t, theirs, {}, outsider)];
    const reply = await t.call('POST', `/tasks/${x}/addDependencies`, { data: { dependencies: [y] } }, outsider);
    expect(reply.status).toBe(402);
    expect(at(reply.body, 'errors', 0, 'message')).toMatch(/premium/);
  });
});

describe('stories', () => {
  it('adds comments in text or rich text, and lists them with the stories Asana writes itself', async () => {
    const task = await createTask(t, project, { name: 'Commented', assignee: 'me', due_on: '2026-12-01' });
    const plain = await t.call('POST', `/tasks/${task}/stories`, { data: { text: 'Kick-off moved to Tuesday' } });
    expect(plain.status).toBe(201);
    expect(at(plain.body, 'data')).toMatchObject({
      resource_type: 'story',
      resource_subtype: 'comment_added',
      type: 'comment',
      text: 'Kick-off moved to Tuesday',
      created_by: { gid: LOCAL_ASANA_ADMIN.gid, resource_type: 'user', name: 'Handoff Admin' },
      target: { gid: task, resource_type: 'task', name: 'Commented' },
    });
    const rich = await t.call('POST', `/tasks/${task}/stories?opt_fields=text,html_text`, {
      data: { html_text: '<body>See <em>the plan</em></body>' },
    });
    expect(rich.body).toEqual({
      data: { gid: gidOf(rich), text: 'See the plan', html_text: '<body>See <em>the plan</em></body>' },
    });

    const stories = dataList(await t.call('GET', `/tasks/${task}/stories`));
    expect(stories.map((s) => at(s, 'resource_subtype'))).toEqual([
      'added_to_project',
      'assigned',
      'due_date_changed',
      'comment_added',
      'comment_added',
    ]);
    expect(stories[2]).toEqual({
      gid: expect.any(String),
      resource_type: 'story',
      created_at: expect.any(String),
      resource_subtype: 'due_date_changed',
      text: 'changed the due date to Dec 1',
      created_by: { gid: LOCAL_ASANA_ADMIN.gid, resource_type: 'user', name: 'Handoff Admin' },
    });
    await t.call('PUT', `/tasks/${task}`, { data: { completed: true } });
    expect(dataList(await t.call('GET', `/tasks/${task}/stories?opt_fields=text&limit=100`)).at(-1)).toEqual({
      gid: expect.any(String),
      text: 'marked this task complete',
    });
  });

  it('refuses an empty comment and malformed rich text', async () => {
    const task = await createTask(t, project);
    expect((await t.call('POST', `/tasks/${task}/stories`, { data: { is_pinned: false } })).status).toBe(400);
    expect((await t.call('POST', `/tasks/${task}/stories`, { data: { html_text: 'no body' } })).status).toBe(400);
  });
});
