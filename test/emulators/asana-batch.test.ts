import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_BATCH_ACTIONS } from '../../emulators/asana/index';
import { manualClock } from '../../emulators/common/clock';
import { at, createProject, createTask, dataList, startTestAsana, type TestAsana } from './local-asana-harness';

let t: TestAsana;
let project: string;
let section: string;
beforeAll(async () => {
  // A still clock: the rate-limit window cannot end mid-test however slow the machine is.
  t = await startTestAsana({ clock: manualClock() });
  ({ project, section } = await createProject(t, 'Batch'));
});
beforeEach(() => {
  t.asana.faults.update({ rateLimit: null, rateLimitPreset: null, errorRate: 0, dropRate: 0, afterCommit: false });
});
afterAll(() => t.close());

const batch = (actions: unknown[], query = '') => t.call('POST', `/batch${query}`, { data: { actions } });
const create = (name: string) => ({
  relative_path: '/tasks',
  method: 'post',
  data: { name, projects: [project] },
  options: { fields: ['name', 'memberships.section.name'] },
});

describe('the Batch API', () => {
  it('runs 10 actions and answers one result per action, in order, successes and failures alike', async () => {
    const existing = await createTask(t, project, { name: 'Existing' });
    // Two tasks before the batch: the listing (action 6) pages whatever order the batch runs in.
    await createTask(t, project, { name: 'Existing too' });
    const actions = [
      create('First'),
      { relative_path: `/tasks/${existing}`, method: 'get', options: { fields: ['name'] } },
      { relative_path: '/tasks/1299999999999999', method: 'get' },
      { relative_path: `/tasks/${existing}`, method: 'put', data: { name: 'Renamed' }, options: { fields: ['name'] } },
      { relative_path: '/tasks', method: 'post', data: { name: 'Nowhere' } },
      { relative_path: `/projects/${project}/tasks`, method: 'get', options: { limit: 1, fields: ['name'] } },
      { relative_path: '/users/me', method: 'get', options: { fields: ['email'] } },
      { relative_path: `/tasks/${existing}/stories`, method: 'post', data: { text: 'From a batch' } },
      { relative_path: '/no/such/endpoint', method: 'get' },
      create('Tenth'),
    ];
    expect(actions).toHaveLength(MAX_BATCH_ACTIONS);
    const reply = await batch(actions);
    expect(reply.status).toBe(200);
    const results = dataList(reply);
    expect(results.map((r) => at(r, 'status_code'))).toEqual([201, 200, 404, 200, 400, 200, 200, 201, 404, 201]);
    const first = results[0];
    expect(first).toEqual({
      status_code: 201,
      headers: { location: `/tasks/${String(at(first, 'body', 'data', 'gid'))}` },
      body: {
        data: {
          gid: expect.any(String),
          name: 'First',
          memberships: [{ section: { gid: section, name: 'Untitled section' } }],
        },
      },
    });
    // The GET and the PUT of one task run in no promised order: the GET sees either name.
    expect(['Existing', 'Renamed']).toContain(at(results[1], 'body', 'data', 'name'));
    expect(at(results[2], 'body', 'errors', 0, 'message')).toBe('task: Unknown object: 1299999999999999');
    expect(at(results[3], 'body')).toEqual({ data: { gid: existing, name: 'Renamed' } });
    expect(at(results[4], 'body', 'errors', 0, 'message')).toBe('workspace: Missing input');
    expect(at(results[5], 'body', 'data')).toHaveLength(1);
    expect(at(results[5], 'body', 'next_page', 'offset')).toEqual(expect.any(String));
    expect(at(results[6], 'body', 'data', 'email')).toBe('admin@handoff.local');
    expect(at(results[9], 'body', 'data', 'name')).toBe('Tenth');
  });

  it('pages inside a batch with the offset a previous page returned', async () => {
    const first = await batch([{ relative_path: `/projects/${project}/tasks`, method: 'get', options: { limit: 1 } }]);
    const offset = String(at(dataList(first)[0], 'body', 'next_page', 'offset'));
    const second = await batch([
      { relative_path: `/projects/${project}/tasks`, method: 'get', options: { limit: 1, offset } },
    ]);
    expect(at(dataList(second)[0], 'status_code')).toBe(200);
    expect(at(dataList(second)[0], 'body', 'data', 0, 'gid')).not.toBe(
      at(dataList(first)[0], 'body', 'data', 0, 'gid'),
    );
  });

  it('passes a GET action’s data as its query', async () => {
    const reply = await batch([
      { relative_path: '/tasks', method: 'get', data: { project }, options: { limit: 1, fields: ['name'] } },
    ]);
    expect(at(dataList(reply)[0], 'status_code')).toBe(200);
  });

  it('refuses 11 actions, or none, as a whole with 400', async () => {
    const eleven = await batch(
      Array.from({ length: MAX_BATCH_ACTIONS + 1 }, () => ({ relative_path: '/users/me', method: 'get' })),
    );
    expect(eleven.status).toBe(400);
    expect(at(eleven.body, 'errors', 0, 'message')).toBe(
      'actions: A batch request may have at most 10 actions, not 11',
    );
    expect((await batch([])).status).toBe(400);
  });

  it('refuses nested batches and query strings in relative_path, per action', async () => {
    const reply = await batch([
      { relative_path: '/batch', method: 'post', data: { actions: [] } },
      { relative_path: '/users/me?opt_fields=email', method: 'get' },
    ]);
    expect(dataList(reply).map((r) => at(r, 'status_code'))).toEqual([400, 400]);
  });

  it('keeps only the result fields opt_fields asks for', async () => {
    const reply = await batch([{ relative_path: '/users/me', method: 'get' }], '?opt_fields=status_code');
    expect(reply.body).toEqual({ data: [{ status_code: 200 }] });
  });

  it('runs each action with the caller’s token: external data is the OAuth app’s', async () => {
    const reply = await batch([
      {
        relative_path: '/tasks',
        method: 'post',
        data: { projects: [project], external: { gid: 'from-batch' } },
        options: { fields: ['external'] },
      },
    ]);
    expect(at(dataList(reply)[0], 'body', 'data', 'external')).toEqual({ gid: 'from-batch' });
    expect((await t.call('GET', '/tasks/external:from-batch')).status).toBe(200);
  });
});

describe('the Batch API and faults', () => {
  const batchCost =
    'costs one request per action, refuses the whole batch with 429 when they do not all fit, and runs none of it';
  it(batchCost, async () => {
    t.asana.faults.update({ rateLimit: { budget: 12, windowMs: 60_000 } });
    expect(
      (
        await batch([
          create('a'),
          create('b'),
          create('c'),
          create('d'),
          create('e'),
          create('f'),
          create('g'),
          create('h'),
        ])
      ).status,
    ).toBe(200);
    const before = dataList(await t.call('GET', `/projects/${project}/tasks`)).length; // 9 of 12 spent
    const refused = await batch([create('x'), create('y'), create('z'), create('w')]);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(at(refused.body, 'errors', 0, 'message')).toBe(
      "You've made too many requests and hit a rate limit. Please retry after the given amount of time.",
    );
    t.asana.faults.update({ rateLimit: null });
    expect(dataList(await t.call('GET', `/projects/${project}/tasks`))).toHaveLength(before);
  });

  it('fails actions one by one with the error rate, inside a 200 batch', async () => {
    t.asana.faults.update({ errorRate: 0.5, seed: 3 });
    const reply = await batch(Array.from({ length: 10 }, () => ({ relative_path: '/users/me', method: 'get' })));
    t.asana.faults.update({ errorRate: 0 });
    // The batch itself took its roll first: a run of this seed lets it through.
    expect(reply.status).toBe(200);
    const statuses = dataList(reply).map((r) => Number(at(r, 'status_code')));
    expect(statuses.some((s) => s >= 500)).toBe(true);
    expect(statuses.some((s) => s === 200)).toBe(true);
    const failed = dataList(reply).find((r) => Number(at(r, 'status_code')) >= 500);
    expect(at(failed, 'body', 'errors', 0, 'message')).toEqual(expect.any(String));
  });

  it('counts a batch as one request, and its actions apart', async () => {
    t.asana.resetStats();
    await batch([
      { relative_path: '/users/me', method: 'get' },
      create('counted'),
      { relative_path: '/users/me', method: 'get' },
    ]);
    expect(t.asana.stats()).toEqual({
      total: 1,
      requests: { 'POST /api/1.0/batch': 1 },
      statuses: { 200: 1 },
      batchActions: {
        total: 3,
        requests: { 'GET /api/1.0/users/{user_gid}': 2, 'POST /api/1.0/tasks': 1 },
        statuses: { 200: 2, 201: 1 },
      },
    });
  });
});
