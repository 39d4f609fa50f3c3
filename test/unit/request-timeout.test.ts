import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuthRequest } from '../../src/trackers/jira/jira-request';
import { createJiraClient } from '../../src/trackers/jira/jira-client';
import { jiraPath } from '../../src/trackers/jira/jira-path';
import { createAsanaApis, createAsanaCaller } from '../../src/trackers/asana/asana-client';
import { TrackerError } from '../../src/provision/tracker-error';

/**
 * Attack: a site that accepts connections and never answers held the CLI ~5 minutes per
 * attempt (Jira) or 6 minutes (Asana), silently. Every request now gives up after the
 * product's request timeout, as a network failure the retry policy knows.
 */
let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    // /stall-body: headers at once, then the body never ends. Anything else: no answer at all.
    if (request.url?.includes('stall-body')) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"accountId":');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address: string | AddressInfo | null = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('a tracker that never answers', () => {
  it('Jira: the request gives up after its timeout, as a transient network failure that says so', async () => {
    const client = createJiraClient(basicAuthRequest({ baseUrl: base, email: 'a@b.c', apiToken: 't', timeoutMs: 300 }));
    const started = Date.now();
    const error = await client.send('GET', jiraPath`/rest/api/3/myself`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrackerError);
    expect(String(error)).toContain('no answer within 300 ms');
    expect(error instanceof TrackerError && error.transient).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('Jira: an answer that stops half-way times out too', async () => {
    const request = basicAuthRequest({ baseUrl: `${base}/stall-body`, email: 'a@b.c', apiToken: 't', timeoutMs: 300 });
    const response = await request(jiraPath`/rest/api/3/myself`, { method: 'GET', headers: {} });
    await expect(response.text()).rejects.toThrow('the answer stopped before it was complete');
  });

  it('Asana: the SDK gives up after the same timeout, and the error says so', async () => {
    const apis = createAsanaApis({ basePath: `${base}/api/1.0`, token: 't', timeoutMs: 300 });
    const caller = createAsanaCaller();
    const error = await caller.call('GET /users/me', () => apis.users.getUser('me', {})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrackerError);
    expect(String(error)).toContain('no answer within 300 ms');
  });
});
