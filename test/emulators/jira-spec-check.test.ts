import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCAL_ADMIN, createLocalJiraApp, startLocalJira, type LocalJiraOptions } from '../../emulators/jira/index';
import { at, callJira, jiraSpecFile } from './local-jira-harness';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function options(extra: LocalJiraOptions): LocalJiraOptions {
  const dataDir = mkdtempSync(join(tmpdir(), 'local-jira-spec-'));
  dirs.push(dataDir);
  return { dataDir, fresh: true, specFile: jiraSpecFile, ...extra };
}

const auth = {
  authorization: `Basic ${Buffer.from(`${LOCAL_ADMIN.email}:${LOCAL_ADMIN.apiToken}`).toString('base64')}`,
  'content-type': 'application/json',
};
/** A request the real API would reject: `maxResults` must be an integer. */
const badSearch = { jql: 'project = DEL', maxResults: 'ten' };

describe('validate: strict', () => {
  it('answers a request that breaks the spec with 500 naming the violation, and records it', async () => {
    const jira = await startLocalJira(options({ validate: 'strict' }));
    try {
      const reply = await callJira(jira.url, 'POST', '/rest/api/3/search/jql', badSearch);
      expect(reply.status).toBe(500);
      expect(at(reply.body, 'errorMessages')).toEqual([
        '[local-jira] the request breaks the Jira Cloud REST v3 spec:',
        'request body/maxResults must be integer',
      ]);
      expect(jira.violations()).toEqual([
        {
          method: 'POST',
          path: '/rest/api/3/search/jql',
          direction: 'request',
          errors: ['request body/maxResults must be integer'],
        },
      ]);
    } finally {
      await jira.close();
    }
  });

  it('answers a response that breaks the spec with 500 too', async () => {
    const { app, violations } = createLocalJiraApp(options({ validate: 'strict' }));
    // A resource that answers what Jira never would: serverInfo's `versionNumbers` are integers.
    app.get('/rest/api/3/serverInfo', (c) => c.json({ baseUrl: 'http://local', versionNumbers: ['one'] }));
    const response = await app.request('/rest/api/3/serverInfo', { headers: auth });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      errorMessages: [
        '[local-jira] the response 200 breaks the Jira Cloud REST v3 spec:',
        'response 200 body/versionNumbers/0 must be integer',
      ],
      errors: {},
    });
    expect(violations()).toHaveLength(1);
  });
});

describe('validate: record and off', () => {
  it('record lets the request through and lists the violation at /__emulator/violations', async () => {
    const jira = await startLocalJira(options({ validate: 'record' }));
    try {
      expect((await callJira(jira.url, 'POST', '/rest/api/3/search/jql', badSearch)).status).toBe(200);
      const listed = await (await fetch(`${jira.url}/__emulator/violations`)).json();
      expect(listed).toEqual([
        expect.objectContaining({ direction: 'request', errors: ['request body/maxResults must be integer'] }),
      ]);
    } finally {
      await jira.close();
    }
  });

  it('off checks nothing', async () => {
    const { app, violations } = createLocalJiraApp(options({ validate: 'off' }));
    const response = await app.request('/rest/api/3/search/jql', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify(badSearch),
    });
    expect(response.status).toBe(200);
    expect(violations()).toEqual([]);
  });
});

describe('running in-process', () => {
  it('serves app.request without a socket, and a dropped connection rejects like fetch', async () => {
    const { app, faults } = createLocalJiraApp(options({ validate: 'strict' }));
    const myself = await app.request('/rest/api/3/myself', { headers: auth });
    expect(at(await myself.json(), 'emailAddress')).toBe(LOCAL_ADMIN.email);
    faults.update({ dropRate: 1 });
    await expect(app.request('/rest/api/3/myself', { headers: auth })).rejects.toThrow(/fetch failed/);
  });

  it('answers an endpoint it does not emulate with Jira’s 404, unchecked', async () => {
    const { app, violations } = createLocalJiraApp(options({ validate: 'strict' }));
    const response = await app.request('/rest/api/3/issue/DEL-1/no-such-thing', { headers: auth });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(at(await response.json(), 'detail')).toMatch(
      /^No endpoint GET \/rest\/api\/3\/issue\/DEL-1\/no-such-thing\./,
    );
    expect(violations()).toEqual([]);
  });

  it('answers a body that is not JSON as Jira does', async () => {
    const { app } = createLocalJiraApp(options({ validate: 'strict' }));
    const response = await app.request('/rest/api/3/issue', { method: 'POST', headers: auth, body: '{"fields": ' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errorMessages: ['There was an error parsing JSON. Check that your request body is valid.'],
    });
  });
});
