import { ApiClient, BatchAPIApi, ProjectsApi, TasksApi, UsersApi, WorkspacesApi } from 'asana';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DEMO_TEAM,
  DEMO_WORKSPACE,
  LOCAL_ASANA_ADMIN,
  LOCAL_ASANA_OAUTH_TOKEN,
  LOCAL_ASANA_PAT,
} from '../../emulators/asana/index';
import { startTestAsana, type TestAsana } from './local-asana-harness';

// The official `asana` SDK (v3), pointed at the emulator: it must find nothing to disagree with.

let t: TestAsana;
beforeAll(async () => {
  t = await startTestAsana();
});
afterAll(() => t.close());

function client(token = LOCAL_ASANA_OAUTH_TOKEN): ApiClient {
  const api = new ApiClient();
  api.basePath = t.asana.url;
  api.authentications.token = { type: 'personalAccessToken', accessToken: token };
  return api;
}

const envelope = <T extends z.ZodType>(data: T) => z.object({ data });
const task = z.looseObject({ gid: z.string(), name: z.string() });
const sdkError = z.object({
  status: z.number(),
  response: z.object({ body: z.object({ errors: z.array(z.object({ message: z.string() })) }) }),
});

/** The SDK's `Collection`: a page of `data` and a `nextPage()` that answers `{ data: null }` after the last. */
function isCollection(value: unknown): value is { data: unknown[] | null; nextPage(): Promise<unknown> } {
  return (
    typeof value === 'object' &&
    value !== null &&
    'data' in value &&
    (value.data === null || Array.isArray(value.data)) &&
    'nextPage' in value &&
    typeof value.nextPage === 'function'
  );
}

async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return sdkError.parse(error);
  }
  throw new Error('the SDK call succeeded');
}

describe('the official asana SDK against the local Asana', () => {
  it('maps an e-mail to a user with UsersApi.getUser, and lists workspaces', async () => {
    const user = envelope(z.object({ gid: z.string(), email: z.string() })).parse(
      await new UsersApi(client()).getUser('admin@handoff.local', { opt_fields: 'email' }),
    );
    expect(user.data).toEqual({ gid: LOCAL_ASANA_ADMIN.gid, email: 'admin@handoff.local' });
    const workspaces = await new WorkspacesApi(client()).getWorkspaces({});
    expect(
      z
        .object({ data: z.array(z.object({ gid: z.string() })) })
        .parse(workspaces)
        .data.map((w) => w.gid),
    ).toEqual([DEMO_WORKSPACE.gid]);
  });

  it('creates a task with TasksApi.createTask and reads it back with getTask, external data included', async () => {
    const project = envelope(z.object({ gid: z.string() })).parse(
      await new ProjectsApi(client()).createProject(
        { data: { workspace: DEMO_WORKSPACE.gid, team: DEMO_TEAM.gid, name: 'SDK' } },
        {},
      ),
    );
    const tasks = new TasksApi(client());
    const created = envelope(task).parse(
      await tasks.createTask(
        {
          data: {
            name: 'Made by the SDK',
            projects: [project.data.gid],
            assignee: 'admin@handoff.local',
            due_on: '2026-12-01',
            external: { gid: 'sdk-1', data: 'x' },
          },
        },
        { opt_fields: 'name,assignee.name,due_on,external' },
      ),
    );
    expect(created.data).toEqual({
      gid: expect.any(String),
      name: 'Made by the SDK',
      assignee: { gid: LOCAL_ASANA_ADMIN.gid, name: 'Handoff Admin' },
      due_on: '2026-12-01',
      external: { gid: 'sdk-1', data: 'x' },
    });
    const fetched = envelope(task).parse(await tasks.getTask(created.data.gid, {}));
    expect(fetched.data).toMatchObject({
      gid: created.data.gid,
      name: 'Made by the SDK',
      external: { gid: 'sdk-1', data: 'x' },
    });
    expect(envelope(task).parse(await tasks.getTask('external:sdk-1', { opt_fields: 'name' })).data.gid).toBe(
      created.data.gid,
    );
    const asPat = envelope(task).parse(await new TasksApi(client(LOCAL_ASANA_PAT)).getTask(created.data.gid, {}));
    expect(asPat.data.external).toBeUndefined();
  });

  it('pages with the SDK’s Collection.nextPage', async () => {
    const project = envelope(z.object({ gid: z.string() })).parse(
      await new ProjectsApi(client()).createProject(
        { data: { workspace: DEMO_WORKSPACE.gid, team: DEMO_TEAM.gid, name: 'SDK pages' } },
        {},
      ),
    );
    const tasks = new TasksApi(client());
    for (const name of ['one', 'two', 'three'])
      await tasks.createTask({ data: { name, projects: [project.data.gid] } }, {});
    const names: string[] = [];
    const pages: number[] = [];
    let page: unknown = await tasks.getTasksForProject(project.data.gid, { limit: 2, opt_fields: 'name' });
    while (isCollection(page) && page.data !== null) {
      pages.push(page.data.length);
      names.push(
        ...z
          .array(task)
          .parse(page.data)
          .map((x) => x.name),
      );
      page = await page.nextPage();
    }
    expect(pages).toEqual([2, 1]);
    expect(names).toEqual(['one', 'two', 'three']);
  });

  it('sends batches with BatchAPIApi.createBatchRequest', async () => {
    const results = await new BatchAPIApi(client()).createBatchRequest(
      {
        data: {
          actions: [
            { relative_path: '/users/me', method: 'get', options: { fields: ['email'] } },
            { relative_path: '/tasks/1299999999999999', method: 'get' },
          ],
        },
      },
      {},
    );
    const parsed = z.object({ data: z.array(z.object({ status_code: z.number(), body: z.unknown() })) }).parse(results);
    expect(parsed.data.map((r) => r.status_code)).toEqual([200, 404]);
    expect(parsed.data[0]?.body).toEqual({ data: { gid: LOCAL_ASANA_ADMIN.gid, email: 'admin@handoff.local' } });
  });

  it('sees Asana’s errors as the SDK reports them', async () => {
    const missing = await rejection(new TasksApi(client()).getTask('1299999999999999', {}));
    expect(missing.status).toBe(404);
    expect(missing.response.body.errors[0]?.message).toBe('task: Unknown object: 1299999999999999');
    const unauthorized = await rejection(new UsersApi(client('wrong')).getUser('me', {}));
    expect(unauthorized.status).toBe(401);
  });
});
