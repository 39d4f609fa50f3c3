import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CLOUD_ID, LOCAL_VIEWER } from '../../emulators/jira/index';
import { at, sendJson, startTestJira, taskFields, type TestJira } from './local-jira-harness';

/**
 * Scoped API tokens reach Jira Cloud through `https://api.atlassian.com/ex/jira/{cloudId}`:
 * the same API, the same Basic auth, `self` links through the gateway.
 */

let t: TestJira;
const gateway = `/ex/jira/${LOCAL_CLOUD_ID}`;
beforeAll(async () => {
  // This file is about the gateway, not the search lag (jira-faults.test.ts is): it reads a caught-up index.
  t = await startTestJira({ faults: { searchLagMs: 0 } });
});
afterAll(() => t.close());

describe('the site', () => {
  it('tells its cloud id to anyone at /_edge/tenant_info', async () => {
    const reply = await sendJson(`${t.jira.url}/_edge/tenant_info`, 'GET', undefined, null);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    expect(reply.body).toEqual({ cloudId: LOCAL_CLOUD_ID });
  });
});

describe('the API through the gateway', () => {
  it('answers as the site does, its self links through the gateway', async () => {
    const direct = await t.call('GET', '/rest/api/3/myself');
    const through = await t.call('GET', `${gateway}/rest/api/3/myself`);
    expect(through.status).toBe(200);
    expect(at(through.body, 'accountId')).toBe(at(direct.body, 'accountId'));
    expect(at(through.body, 'self')).toBe(
      String(at(direct.body, 'self')).replace(t.jira.url, `${t.jira.url}${gateway}`),
    );
  });

  it('writes the same site: an issue made through it is read on the site, and searched both ways', async () => {
    const created = await t.call('POST', `${gateway}/rest/api/3/issue`, {
      fields: taskFields({ summary: 'Through the gateway', labels: ['gateway'] }),
    });
    expect(created.status).toBe(201);
    const id = String(at(created.body, 'id'));
    expect(at(created.body, 'self')).toBe(`${t.jira.url}${gateway}/rest/api/3/issue/${id}`);
    const key = String(at(created.body, 'key'));
    expect(at((await t.call('GET', `/rest/api/3/issue/${key}?fields=summary`)).body, 'fields', 'summary')).toBe(
      'Through the gateway',
    );
    for (const base of ['', gateway]) {
      const found = await t.call('POST', `${base}/rest/api/3/search/jql`, { jql: 'labels = gateway', fields: ['key'] });
      expect(at(found.body, 'issues', 0, 'key')).toBe(key);
    }
  });

  it('asks for the same credentials and holds the same permissions', async () => {
    expect((await t.call('GET', `${gateway}/rest/api/3/myself`, undefined, null)).status).toBe(401);
    const viewer = await t.call('POST', `${gateway}/rest/api/3/issue`, { fields: taskFields() }, LOCAL_VIEWER);
    expect(viewer.status).toBe(403);
  });

  it('knows no other cloud id', async () => {
    const reply = await t.call('GET', '/ex/jira/00000000-0000-0000-0000-000000000000/rest/api/3/myself');
    expect(reply.status).toBe(404);
  });
});
