import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startDevServer, type DevServer, type DevServerOptions } from '../../src/dev-server/index';
import { accountIdFor, LOCAL_ADMIN } from '../../emulators/jira/index';

/** A POST with headers fetch() may not set (Host), as a rebinding browser would send them. */
function rawPost(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${url}/api/invoke`,
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** A stand-in for the built panel, so these tests need no `npm run build:panel`. */
function builtPanel(): string {
  const dir = mkdtempSync(join(tmpdir(), 'handoff-panel-dist-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html>\n<html><head><title>Handoff</title></head><body><div id="root"></div></body></html>\n',
  );
  writeFileSync(join(dir, 'assets/panel.js'), 'export {};\n');
  return dir;
}

const running: DevServer[] = [];
async function start(options: DevServerOptions = {}): Promise<DevServer> {
  const server = await startDevServer({
    port: 0,
    jiraPort: 0,
    asanaPort: 0,
    intakePort: 0,
    fresh: true,
    today: '2026-12-01',
    distDir: builtPanel(),
    log: () => {},
    ...options,
  });
  running.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

const invoke = (server: DevServer, functionKey: string, payload: unknown = {}, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ functionKey, payload }),
  });
const loaded = z.object({
  ok: z.literal(true),
  value: z.object({ record: z.object({ id: z.string() }).loose().nullable(), history: z.array(z.unknown()) }),
});

describe('the dev server (npm start)', () => {
  it('serves the built panel with the bridge stand-in in front of it, under a Custom UI content policy', async () => {
    const server = await start();
    const page = await fetch(server.url);
    const html = await page.text();
    expect(html.indexOf('/__local/bridge-shim.js')).toBeLessThan(html.indexOf('<title>'));
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`${server.url}/__local/bridge-shim.js`)).headers.get('content-type')).toMatch(
      /^text\/javascript/,
    );
    expect(await (await fetch(`${server.url}/assets/panel.js`)).text()).toBe('export {};\n');
    expect(
      z
        .object({ siteUrl: z.string(), extension: z.object({ project: z.object({ key: z.literal('DEL') }) }) })
        .parse(await (await fetch(`${server.url}/__local/context`)).json()).siteUrl,
    ).toBe(server.jira.url);
  });

  it('seeds DEL with the example on first start, and keeps what was saved across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'handoff-dev-'));
    const first = await start({ dataDir });
    expect(loaded.parse(await (await invoke(first, 'loadRecord')).json()).value.record?.id).toBe(
      'acme-onboarding-2026',
    );
    const text =
      `version: 1\nid: kept-record\ntitle: Kept across restarts\n` +
      `scenario: lightweight\ncustomer: { company: Kept Ltd }\n`;
    expect(
      z.object({ ok: z.literal(true) }).safeParse(await (await invoke(first, 'saveRecord', { text })).json()).success,
    ).toBe(true);
    await first.close();
    running.splice(running.indexOf(first), 1);

    const second = await start({ dataDir, fresh: false });
    const back = loaded.parse(await (await invoke(second, 'loadRecord')).json()).value;
    expect(back.record?.id).toBe('kept-record');
    expect(back.history).toHaveLength(2);
  });

  it('answers only the panel: JSON from its own origin, naming a resolver of the app', async () => {
    const server = await start();
    expect((await invoke(server, 'gate', {}, { origin: 'https://evil.example' })).status).toBe(403);
    expect(
      (
        await fetch(`${server.url}/api/invoke`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: '{"functionKey":"gate"}',
        })
      ).status,
    ).toBe(403);
    expect((await invoke(server, 'toString')).status).toBe(400);
    expect((await invoke(server, 'noSuchResolver')).status).toBe(404);
    expect(
      z
        .object({ ok: z.literal(false), error: z.object({ code: z.literal('BAD_REQUEST') }) })
        .safeParse(await (await invoke(server, 'signOff', { role: 'legal' })).json()).success,
    ).toBe(true);
  });

  it('views the page as any active person of the local site: context and resolvers follow the choice', async () => {
    const server = await start();
    const people = z.object({
      viewingAs: z.string(),
      people: z.array(z.object({ accountId: z.string(), displayName: z.string(), email: z.string() })),
    });
    const listed = people.parse(await (await fetch(`${server.url}/__local/people`)).json());
    expect(listed.viewingAs).toBe(accountIdFor(LOCAL_ADMIN.email));
    expect(listed.people.map((p) => p.email)).toContain('priya.nair@vendor.example');
    // Nobody deactivated is offered: a leaver cannot log in to Jira either.
    expect(listed.people.map((p) => p.email)).not.toContain('kai.lindqvist@vendor.example');

    const viewAs = (accountId: string, headers: Record<string, string> = {}) =>
      fetch(`${server.url}/__local/viewing-as`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ accountId }),
      });
    const priya = accountIdFor('priya.nair@vendor.example');
    expect((await viewAs(priya, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await viewAs('712020:nobody')).status).toBe(404);
    expect(people.parse(await (await viewAs(priya)).json()).viewingAs).toBe(priya);

    const context = z.object({ accountId: z.string() });
    expect(context.parse(await (await fetch(`${server.url}/__local/context`)).json()).accountId).toBe(priya);
    const me = z.object({ ok: z.literal(true), value: z.object({ accountId: z.string(), displayName: z.string() }) });
    expect(me.parse(await (await invoke(server, 'whoAmI')).json()).value).toMatchObject({
      accountId: priya,
      displayName: 'Priya Nair',
    });
  });

  it('refuses any Host but this machine’s own names, so DNS rebinding reaches nothing (attack F14)', async () => {
    const server = await start();
    const { port } = new URL(server.url);
    const body = '{"functionKey":"loadRecord","payload":{}}';
    const rebound = await rawPost(
      server.url,
      { host: `evil.example:${port}`, origin: `http://evil.example:${port}` },
      body,
    );
    expect(rebound.status).toBe(403);
    expect(rebound.body).not.toContain('acme');
    expect((await rawPost(server.url, { host: `evil.example:${port}` }, '')).status).toBe(403);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`]) {
      expect((await rawPost(server.url, { host, origin: `http://${host}` }, body)).status).toBe(200);
    }
    expect((await rawPost(server.url, { host: `localhost:${Number(port) + 1}` }, body)).status).toBe(403);
  });

  it('says which port is taken and how to move on', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      await expect(start({ jiraPort: port })).rejects.toThrow(
        `port ${port} (local Jira) is in use — is \`npm start\` ` +
          `already running? Stop it, or pick another port with --jira-port.`,
      );
    } finally {
      blocker.close();
    }
  });
});

describe('attack F1 through the dev server', () => {
  const result = z.object({ ok: z.boolean(), value: z.unknown().optional() }).loose();
  const call = async (server: DevServer, functionKey: string, payload: unknown = {}) =>
    result.parse(await (await invoke(server, functionKey, payload)).json());

  it('attack F1: the admin rewrites the approval owner on the issue; approveChange stays FORBIDDEN', async () => {
    const server = await start();
    const record = z
      .object({ promises: z.array(z.object({ id: z.string(), title: z.string() }).loose()) })
      .loose()
      .parse(loaded.parse(await (await invoke(server, 'loadRecord')).json()).value.record);
    expect((await call(server, 'provision')).ok).toBe(true);
    const promises = record.promises.map((p, i) => (i === 0 ? { ...p, title: `${p.title}, renamed` } : p));
    const proposed = await call(server, 'proposeChange', { record: { ...record, promises } });
    const { key } = z.object({ key: z.string() }).parse(proposed.value);
    expect(await call(server, 'approveChange', { key })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const path = `${server.jira.url}/rest/api/3/issue/${key}/properties/handoff-change`;
    const authorization = `Basic ${Buffer.from(`${LOCAL_ADMIN.email}:${LOCAL_ADMIN.apiToken}`).toString('base64')}`;
    const state = z
      .object({ value: z.record(z.string(), z.unknown()) })
      .parse(await (await fetch(path, { headers: { authorization } })).json()).value;
    const admin = { email: LOCAL_ADMIN.email, account: accountIdFor(LOCAL_ADMIN.email) };
    const put = await fetch(path, {
      method: 'PUT',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ ...state, approvalOwner: admin }),
    });
    expect(put.status).toBe(200);

    expect(await call(server, 'approveChange', { key })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining('edited after it was proposed') },
    });
    expect(await call(server, 'applyChange', { key })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
