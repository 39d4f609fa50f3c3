import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WORKSPACE, LOCAL_ASANA_ADMIN } from '../../emulators/asana/index';
import { at, createProject, createTask, dataList, startTestAsana, type TestAsana } from './local-asana-harness';

let t: TestAsana;
beforeAll(async () => {
  t = await startTestAsana();
});
afterAll(() => t.close());

describe('Asana user deprovisioning (POST /workspaces/{gid}/removeUser)', () => {
  it("gathers the leaver's open tasks, unassigned, into a private project the remover owns", async () => {
    const users = dataList(await t.call('GET', `/workspaces/${DEMO_WORKSPACE.gid}/users?opt_fields=email,name`));
    const leaver = users.map((u) => String(at(u, 'email'))).find((e) => e !== LOCAL_ASANA_ADMIN.email) ?? '';
    const { project } = await createProject(t, 'Delivery');
    const open = await createTask(t, project, { assignee: leaver });
    const done = await createTask(t, project, { assignee: leaver, completed: true });
    const theirs = await createTask(t, project, { assignee: LOCAL_ASANA_ADMIN.email });

    const removed = await t.call('POST', `/workspaces/${DEMO_WORKSPACE.gid}/removeUser`, { data: { user: leaver } });
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ data: {} });

    // No longer a member: looking them up is refused, as for anyone sharing no workspace with the caller.
    expect((await t.call('GET', `/users/${leaver}`)).status).toBe(403);
    const fields = 'assignee,completed,projects.name';
    const task = async (gid: string) => at((await t.call('GET', `/tasks/${gid}?opt_fields=${fields}`)).body, 'data');
    const moved = await task(open);
    expect(at(moved, 'assignee')).toBeNull();
    expect(at(moved, 'projects')).toEqual([
      { gid: project, name: 'Delivery' },
      { gid: expect.any(String), name: expect.stringMatching(/'s tasks$/) },
    ]);
    const generated = String(at(moved, 'projects', 1, 'gid'));
    const owner = await t.call('GET', `/projects/${generated}?opt_fields=owner`);
    expect(at(owner.body, 'data', 'owner')).toEqual({ gid: LOCAL_ASANA_ADMIN.gid, resource_type: 'user' });
    // Completed tasks and other people's stay as they were.
    expect(at(await task(done), 'assignee')).toMatchObject({ gid: expect.any(String) });
    expect(at(await task(done), 'projects')).toHaveLength(1);
    expect(at(await task(theirs), 'assignee')).toMatchObject({ gid: LOCAL_ASANA_ADMIN.gid });
  });

  it('refuses a removal that names no user with 400', async () => {
    expect((await t.call('POST', `/workspaces/${DEMO_WORKSPACE.gid}/removeUser`, { data: {} })).status).toBe(400);
  });
});
