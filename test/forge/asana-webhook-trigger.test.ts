import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DEMO_TEAM,
  DEMO_WORKSPACE,
  LOCAL_ASANA_OAUTH_TOKEN,
  startLocalAsana,
  type LocalAsana,
} from '../../emulators/asana/index';
import type { LocalJira } from '../../emulators/jira/index';
import { createAsanaWebhookTrigger } from '../../src/forge/asana/asana-webhook-trigger';
import { kvsHookSecrets } from '../../src/forge/asana/hook-secrets';
import { ADMIN, closeJira, createForgeApp, okValue, startJira } from './support/forge-harness';
import { exampleRecord } from './support/records';

/**
 * Issue 17, point 4, for records the page provisioned in Asana: a change request's task completed
 * by its approval owner is applied at once, through the app's web trigger for Asana's webhooks.
 */
let jira: LocalJira;
let asana: LocalAsana;
beforeAll(async () => {
  jira = await startJira();
  asana = await startLocalAsana({
    dataDir: mkdtempSync(join(tmpdir(), 'handoff-forge-hook-')),
    fresh: true,
    validate: 'strict',
  });
});
afterAll(async () => {
  await closeJira(jira);
  await asana.close();
});

const send = (path: string, init: { method: string; headers: Record<string, string>; body?: string }) =>
  fetch(`${asana.url}${path}`, {
    ...init,
    headers: { ...init.headers, authorization: `Bearer ${LOCAL_ASANA_OAUTH_TOKEN}` },
  });

describe("Asana's webhooks: handshake and completion", () => {
  it('answers the handshake only for a registration it announced, once', async () => {
    const app = createForgeApp(jira);
    const trigger = createAsanaWebhookTrigger(app.deps);
    const handshake = (id: string, secret: string) =>
      trigger({ headers: { 'X-Hook-Secret': [secret] }, queryParameters: { hook: [id] } });
    expect((await handshake('h1', 'planted')).statusCode).toBe(403);
    await kvsHookSecrets(app.deps.kvs, app.deps.now).expect('h1', 'DEL');
    const accepted = await handshake('h1', 'asana-secret');
    expect(accepted).toMatchObject({ statusCode: 200, headers: { 'X-Hook-Secret': ['asana-secret'] } });
    expect((await handshake('h1', 'replaced')).statusCode).toBe(403);
    const unsigned = await trigger({ body: '{"events":[]}', queryParameters: { hook: ['h1'] } });
    expect(unsigned.statusCode).toBe(401);
  });

  it('applies a change request at once when its approval owner completes its task', async () => {
    const app = createForgeApp(jira, {
      overrides: {
        asanaAsUser: () => ({
          connection: { basePath: '', tokenKind: 'oauth', send },
          connected: async () => true,
          account: async () => ({ id: '1', name: 'Handoff Admin' }),
          connect: async () => undefined,
        }),
        asanaAsApp: () => ({ basePath: asana.url, tokenKind: 'oauth', token: LOCAL_ASANA_OAUTH_TOKEN }),
      },
    });
    const acme = exampleRecord('acme-onboarding');
    const record = exampleRecord('acme-onboarding', {
      id: 'hook-1',
      people: { ...acme.people, 'approval-owner': ADMIN.email },
    });
    okValue(await app.call('saveRecord', { record }), z.unknown());
    const target = { kind: 'asana', workspace: DEMO_WORKSPACE.gid, team: DEMO_TEAM.gid };
    okValue(await app.call('setProvisionTarget', { target }), z.unknown());
    okValue(await app.call('provision'), z.object({ mode: z.literal('inline') }));
    const proposed = { ...record, title: `${record.title} (phase 2)` };
    const change = okValue(
      await app.call('proposeChange', { record: proposed }),
      z.object({ kind: z.literal('proposed'), key: z.string() }),
    );
    // The approval owner completes the change request's task in Asana.
    const done = await send(`/tasks/${change.key}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data: { completed: true } }),
    });
    expect(done.ok).toBe(true);
    // Asana's delivery of that completion, signed with the secret of the registered webhook.
    const secrets = kvsHookSecrets(app.deps.kvs, app.deps.now);
    await secrets.expect('h2', 'DEL');
    await secrets.accept('h2', 'hook-secret');
    const body = JSON.stringify({
      events: [
        { action: 'changed', resource: { gid: change.key, resource_type: 'task' }, change: { field: 'completed' } },
      ],
    });
    const signature = createHmac('sha256', 'hook-secret').update(body).digest('hex');
    const trigger = createAsanaWebhookTrigger(app.deps);
    const answer = await trigger({
      headers: { 'X-Hook-Signature': [signature] },
      body,
      queryParameters: { hook: ['h2'] },
    });
    expect(answer.statusCode).toBe(200);
    expect(await app.drainQueue()).toBeGreaterThan(0);
    const loaded = okValue(await app.call('loadRecord'), z.object({ record: z.object({ title: z.string() }) }));
    expect(loaded.record.title).toBe(proposed.title);
  });
});
