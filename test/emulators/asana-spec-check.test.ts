import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DEMO_TEAM,
  DEMO_WORKSPACE,
  LOCAL_ASANA_OAUTH_TOKEN,
  createLocalAsanaApp,
  startLocalAsana,
  type LocalAsanaOptions,
} from '../../emulators/asana/index';
import { ASANA_ERRATA } from '../../emulators/asana/spec-errata';
import { loadValidator } from '../../emulators/openapi/index';
import { asanaSpecFile, at, callAsana } from './local-asana-harness';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function options(extra: LocalAsanaOptions): LocalAsanaOptions {
  const dataDir = mkdtempSync(join(tmpdir(), 'local-asana-spec-'));
  dirs.push(dataDir);
  return { dataDir, fresh: true, specFile: asanaSpecFile, ...extra };
}

const headers = { authorization: `Bearer ${LOCAL_ASANA_OAUTH_TOKEN}`, 'content-type': 'application/json' };

describe('the Asana spec, as the emulator reads it', () => {
  const asana = loadValidator(asanaSpecFile, ASANA_ERRATA);

  it('catches responses the real API would not send', () => {
    const task = { gid: '1', resource_type: 'task', name: 'x' };
    expect(
      asana.validateResponse('GET', '/api/1.0/tasks/1', 200, { data: { ...task, due_on: 'next Tuesday' } }),
    ).toEqual(['response 200 body/data/due_on must match format "date"']);
    expect(
      asana.validateResponse('GET', '/api/1.0/tasks/1', 200, { data: { ...task, resource_subtype: 'bug' } }),
    ).toEqual([
      'response 200 body/data/resource_subtype must be equal to one ' +
        'of the allowed values (default_task, milestone, approval, custom)',
    ]);
    expect(
      asana.validateResponse('GET', '/api/1.0/projects/1/tasks', 200, { data: [task], next_page: { offset: 7 } }),
    ).toEqual(['response 200 body/next_page/offset must be string']);
    expect(asana.validateResponse('POST', '/api/1.0/tasks', 429, { errors: [] })[0]).toMatch(
      /status 429 is not documented for POST \/tasks/,
    );
  });

  it('accepts Asana’s nullable references and a task’s memberships given as gids or as compact objects', () => {
    expect(
      asana.validateResponse('GET', '/api/1.0/tasks/1', 200, {
        data: { gid: '1', assignee: null, parent: null, completed_by: null },
      }),
    ).toEqual([]);
    const memberships = (project: unknown, section: unknown) => ({
      body: { data: { memberships: [{ project, section }] } },
    });
    expect(asana.validateRequest('POST', '/api/1.0/tasks', memberships('1', '2'))).toEqual([]);
    expect(asana.validateRequest('POST', '/api/1.0/tasks', memberships({ gid: '1' }, { gid: '2' }))).toEqual([]);
    expect(asana.validateRequest('POST', '/api/1.0/tasks', memberships(1, '2'))).not.toEqual([]);
  });
});

describe('validate: strict', () => {
  it('answers a request that breaks the spec with 500 naming the violation, and records it', async () => {
    const asana = await startLocalAsana(options({ validate: 'strict' }));
    try {
      const reply = await callAsana(asana.url, 'GET', `/workspaces/${DEMO_WORKSPACE.gid}/projects?limit=500`);
      expect(reply.status).toBe(500);
      expect(reply.body).toEqual({
        errors: [
          { message: '[local-asana] the request breaks the Asana API spec (asana.v1.yaml):' },
          { message: "query parameter 'limit' must be <= 100" },
        ],
      });
      expect(asana.violations()).toEqual([
        {
          method: 'GET',
          path: `/api/1.0/workspaces/${DEMO_WORKSPACE.gid}/projects`,
          direction: 'request',
          errors: ["query parameter 'limit' must be <= 100"],
        },
      ]);
      expect((await callAsana(asana.url, 'GET', '/users/me?opt_fields=shoe_size')).status).toBe(500);
    } finally {
      await asana.close();
    }
  });

  it('answers a response that breaks the spec with 500 too', async () => {
    const { app, violations } = createLocalAsanaApp(options({ validate: 'strict' }));
    // A resource answering what Asana never would: a tag's gid is a string.
    app.get('/api/1.0/tags/:tag_gid', (c) => c.json({ data: { gid: 42, resource_type: 'tag' } }));
    const response = await app.request('/api/1.0/tags/42', { headers });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      errors: [
        { message: '[local-asana] the response 200 breaks the Asana API spec (asana.v1.yaml):' },
        { message: 'response 200 body/data/gid must be string' },
      ],
    });
    expect(violations()).toHaveLength(1);
  });

  it('checks each action of a batch as a request of its own', async () => {
    const { app, violations } = createLocalAsanaApp(options({ validate: 'strict' }));
    const body = {
      data: {
        actions: [
          { relative_path: '/users/me', method: 'get', options: { fields: ['shoe_size'] } },
          { relative_path: '/users/me', method: 'get' },
        ],
      },
    };
    const response = await app.request('/api/1.0/batch', { method: 'POST', headers, body: JSON.stringify(body) });
    expect(response.status).toBe(200);
    const results = at(await response.json(), 'data');
    expect(Array.isArray(results) && results.map((r) => at(r, 'status_code'))).toEqual([500, 200]);
    expect(violations()).toEqual([
      expect.objectContaining({ method: 'GET', path: '/api/1.0/users/me', direction: 'request' }),
    ]);
  });
});

describe('validate: record and off', () => {
  it('record lets the request through and lists the violation at /__emulator/violations', async () => {
    const asana = await startLocalAsana(options({ validate: 'record' }));
    try {
      expect((await callAsana(asana.url, 'GET', '/users/me?opt_fields=shoe_size')).status).toBe(200);
      const listed = await (await fetch(`${asana.url.replace('/api/1.0', '')}/__emulator/violations`)).json();
      expect(listed).toEqual([
        expect.objectContaining({
          direction: 'request',
          errors: [
            expect.stringMatching(
              /^query parameter 'opt_fields'\/0 must be equal to one of the allowed values \(custom_fields, /,
            ),
          ],
        }),
      ]);
    } finally {
      await asana.close();
    }
  });

  it('off checks nothing, and the emulator still refuses what Asana refuses', async () => {
    const { app, violations } = createLocalAsanaApp(options({ validate: 'off' }));
    const send = async (method: string, path: string, body?: unknown) => {
      const response = await app.request(`/api/1.0${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return [response.status, at(await response.json(), 'errors', 0, 'message')];
    };
    expect(await send('POST', '/projects')).toEqual([400, 'data: Missing input']);
    const project = await app.request('/api/1.0/projects', {
      method: 'POST',
      headers,
      body: JSON.stringify({ data: { workspace: DEMO_WORKSPACE.gid, team: DEMO_TEAM.gid } }),
    });
    const gid = String(at(await project.json(), 'data', 'gid'));
    expect(await send('POST', `/projects/${gid}/sections`, { data: {} })).toEqual([400, 'name: Missing input']);
    expect(await send('GET', `/projects/${gid}/tasks?limit=500`)).toEqual([400, 'limit: Must be between 1 and 100']);
    expect(await send('POST', '/tasks', { data: { projects: [gid], due_on: 'soon' } })).toEqual([
      400,
      'due_on: Invalid date: soon',
    ]);
    expect(await send('POST', '/tasks', { data: { projects: [gid], external: 'x' } })).toEqual([
      400,
      'external: Not an object',
    ]);
    expect(violations()).toEqual([]);
  });
});

describe('running in-process', () => {
  it('serves app.request without a socket, and a dropped connection rejects like fetch', async () => {
    const { app, faults } = createLocalAsanaApp(options({ validate: 'strict' }));
    const me = await app.request('/api/1.0/users/me', { headers });
    expect(at(await me.json(), 'data', 'email')).toBe('admin@handoff.local');
    faults.update({ dropRate: 1 });
    await expect(app.request('/api/1.0/users/me', { headers })).rejects.toThrow(
      /fetch failed: the local Asana dropped the connection/,
    );
  });

  it('answers an endpoint it does not emulate with Asana’s 404, unchecked', async () => {
    const { app, violations } = createLocalAsanaApp(options({ validate: 'strict' }));
    const response = await app.request('/api/1.0/portfolios', { headers });
    expect(response.status).toBe(404);
    expect(at(await response.json(), 'errors', 0, 'message')).toMatch(/^No matching route for request/);
    expect(violations()).toEqual([]);
  });

  it('answers a body that is not JSON as Asana does', async () => {
    const { app } = createLocalAsanaApp(options({ validate: 'strict' }));
    const response = await app.request('/api/1.0/tasks', { method: 'POST', headers, body: '{"data": ' });
    expect(response.status).toBe(400);
    expect(at(await response.json(), 'errors', 0, 'message')).toBe('Could not parse request data, invalid JSON');
  });
});
