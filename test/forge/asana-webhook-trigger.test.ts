import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DEMO_TEAM,
  DEMO_WORKSPACE,
  LOCAL_ASANA_OAUTH_TOKEN,
  localAsanaTokens,
  type LocalAsana,
} from '../../emulators/asana/index';
import type { LocalJira } from '../../emulators/jira/index';
import { createAsanaWebhookTrigger } from '../../src/forge/asana/asana-webhook-trigger';
import { kvsHookSecrets } from '../../src/forge/asana/hook-secrets';
import { servedAsWebTrigger } from '../../src/dev-server/web-trigger-route';
import { listen, type Listening } from '../../emulators/common/serve';
import { ADMIN, createForgeApp, errorOf, okValue, type ForgeApp } from './support/forge-harness';
import { listByPrefix } from '../../src/forge/storage/kvs-port';
import { exampleRecord } from './support/records';
import { useJiraAndAsana } from './support/jira-and-asana';
import { connectedAsanaAdmin } from './support/asana-user';

/**
 * Issue 17, point 4, for records the page provisioned in Asana: a change request's task completed
 * by its approval owner is applied at once, through the app's web trigger for Asana's webhooks.
 */
let jira: LocalJira;
let asana: LocalAsana;
useJiraAndAsana('forge-hook', (local) => ({ jira, asana } = local), {
  // The app's web trigger is served on this machine in these tests: Asana itself sends only to public hosts.
  webhookTargets: 'loopback',
  webhookRetryMs: 50,
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

  it('keeps one secret of two handshakes racing for the same id', async () => {
    const app = createForgeApp(jira);
    const secrets = kvsHookSecrets(app.deps.kvs, app.deps.now);
    await secrets.expect('h4', 'DEL');
    const raced = await Promise.all([secrets.accept('h4', 'first'), secrets.accept('h4', 'second')]);
    expect(raced.filter(Boolean)).toHaveLength(1);
    expect((await secrets.of('h4'))?.secret).toBe(raced[0] ? 'first' : 'second');
  });

  it('refuses a delivery signed with another secret, and one for an id it never registered', async () => {
    const app = createForgeApp(jira);
    const secrets = kvsHookSecrets(app.deps.kvs, app.deps.now);
    await secrets.expect('h2', 'DEL');
    await secrets.accept('h2', 'hook-secret');
    const trigger = createAsanaWebhookTrigger(app.deps);
    const body = '{"events":[]}';
    const signed = (secret: string) => createHmac('sha256', secret).update(body).digest('hex');
    const deliver = (id: string, secret: string) =>
      trigger({ headers: { 'x-hook-signature': [signed(secret)] }, body, queryParameters: { hook: [id] } });
    expect((await deliver('h2', 'guessed')).statusCode).toBe(401);
    expect((await deliver('h3', 'hook-secret')).statusCode).toBe(401);
    expect((await deliver('h2', 'hook-secret')).statusCode).toBe(200);
  });
});

describe('an approval made in Asana, through the webhook the page registers on the change request', () => {
  const answers: number[] = [];
  let trigger: ReturnType<typeof createAsanaWebhookTrigger> | undefined;
  let served: Listening;
  beforeAll(async () => {
    served = await listen(
      servedAsWebTrigger(async (request) => {
        if (!trigger) throw new Error('no app yet');
        const answer = await trigger(request);
        answers.push(answer.statusCode);
        return answer;
      }),
      '127.0.0.1',
      0,
    );
  });
  afterAll(() => served.close());

  /** The app, with its web trigger served where the local Asana delivers. */
  const hookedApp = () => {
    const app = createForgeApp(jira, {
      overrides: {
        asanaAsUser: () => connectedAsanaAdmin(asana),
        asanaAsApp: () => ({ basePath: asana.url, tokenKind: 'oauth', token: LOCAL_ASANA_OAUTH_TOKEN }),
        asanaWebhookUrl: async () => `${served.origin}/x1/asana-webhook-trigger`,
      },
    });
    trigger = createAsanaWebhookTrigger(app.deps);
    return app;
  };
  /** The tasks the workspace's webhooks watch, as Asana lists them. */
  const webhookTasks = async () =>
    z
      .object({ data: z.array(z.object({ resource: z.object({ gid: z.string() }) })) })
      .parse(
        await (
          await send(`/webhooks?workspace=${DEMO_WORKSPACE.gid}&opt_fields=resource`, { method: 'GET', headers: {} })
        ).json(),
      )
      .data.map((hook) => hook.resource.gid);
  /** What the app's storage keeps to act on the request's approval: its webhook, its secret, its approval mark. */
  const keptFor = async (app: ForgeApp, key: string) => {
    const keys = (await listByPrefix(app.deps.kvs, '')).map((entry) => entry.key);
    const watch = keys.find((k) => k === `asana-watch:DEL:${key}`);
    return keys.filter((k) => k === watch || k.startsWith('asana-hook') || k === `approval-acted:DEL:${key}`);
  };

  /** A record whose approval owner is the admin, provisioned in Asana, and a change of its title proposed. */
  const proposedInAsana = async (app: ForgeApp, id: string, suffix: string) => {
    const acme = exampleRecord('acme-onboarding');
    const record = exampleRecord('acme-onboarding', { id, people: { ...acme.people, 'approval-owner': ADMIN.email } });
    okValue(await app.call('saveRecord', { record }), z.unknown());
    const target = { kind: 'asana', workspace: DEMO_WORKSPACE.gid, team: DEMO_TEAM.gid };
    okValue(await app.call('setProvisionTarget', { target }), z.unknown());
    okValue(await app.call('provision'), z.object({ mode: z.literal('inline') }));
    const proposed = { ...record, title: `${record.title} (${suffix})` };
    const change = okValue(
      await app.call('proposeChange', { record: proposed }),
      z.object({ kind: z.literal('proposed'), key: z.string() }),
    );
    return { record, proposed, change };
  };

  it('applies the change at once when its approval owner completes the task, and only then', async () => {
    const app = hookedApp();
    const { record, proposed, change } = await proposedInAsana(app, 'hook-1', 'phase 2');
    // Proposing registered the app's webhook on the request's task: Asana's handshake went through the trigger.
    expect(answers).toEqual([200]);
    expect(await webhookTasks()).toEqual([change.key]);
    const { history } = okValue(
      await app.call('loadRecord'),
      z.object({ history: z.array(z.object({ action: z.string(), summary: z.string() })) }),
    );
    expect(history.find((h) => h.action === 'change-proposed')?.summary).toBe(
      `${change.key}: 0 added, 0 descoped, 1 changed`,
    );

    const complete = (token: string, completed: boolean) =>
      fetch(`${asana.url}/tasks/${change.key}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ data: { completed } }),
      });
    const delivered = async (count: number) => expect.poll(() => answers.length, { timeout: 10_000 }).toBe(count);
    const title = async () =>
      okValue(await app.call('loadRecord'), z.object({ record: z.object({ title: z.string() }) })).record.title;

    // Someone who may edit the task, but is not its approval owner, completes it: delivered, nothing applied.
    expect((await complete(localAsanaTokens('priya.nair@vendor.example').oauthToken, true)).ok).toBe(true);
    await delivered(2);
    expect(answers[1]).toBe(200);
    expect(await app.drainQueue()).toBe(0);
    expect(await title()).toBe(record.title);
    const stories = z
      .object({ data: z.array(z.object({ text: z.string().optional() })) })
      .parse(await (await send(`/tasks/${change.key}/stories?opt_fields=text`, { method: 'GET', headers: {} })).json());
    expect(stories.data.map((story) => story.text ?? '').join('\n')).toContain('Not applied');

    // The approval owner reopens it and completes it: applied, with no `change apply` and no daily check.
    expect((await complete(LOCAL_ASANA_OAUTH_TOKEN, false)).ok).toBe(true);
    expect((await complete(LOCAL_ASANA_OAUTH_TOKEN, true)).ok).toBe(true);
    await delivered(3);
    expect(await app.drainQueue()).toBeGreaterThan(0);
    expect(await title()).toBe(proposed.title);
    const after = okValue(
      await app.call('loadRecord'),
      z.object({ history: z.array(z.object({ action: z.string() })) }),
    );
    expect(after.history.map((h) => h.action).slice(-3)).toEqual([
      'change-refused',
      'change-approved',
      'change-applied',
    ]);
    // Applied by the app, whose own grant is some person's Asana account: the task says which, and that it was the app.
    const trail = z
      .object({ data: z.array(z.object({ text: z.string().optional() })) })
      .parse(await (await send(`/tasks/${change.key}/stories?opt_fields=text`, { method: 'GET', headers: {} })).json());
    expect(trail.data.map((story) => story.text ?? '').join('\n')).toMatch(
      /Applied by Handoff \(app\) through .+'s Asana grant/,
    );
    // Decided: the webhook is gone from Asana, and nothing the app kept to act on the approval is left.
    expect(await webhookTasks()).toEqual([]);
    expect(await keptFor(app, change.key)).toEqual([]);
  });

  it('deletes the webhook of a change request rejected on the page', async () => {
    const app = hookedApp();
    const { change } = await proposedInAsana(app, 'hook-2', 'rejected');
    expect(await webhookTasks()).toEqual([change.key]);
    expect(await keptFor(app, change.key)).not.toEqual([]);
    okValue(await app.call('rejectChange', { key: change.key, reason: 'Not this quarter.' }), z.unknown());
    expect(await webhookTasks()).toEqual([]);
    expect(await keptFor(app, change.key)).toEqual([]);
  });

  it("takes a change request's key in its target's terms: a task id on Asana, an issue of DEL on Jira", async () => {
    const app = createForgeApp(jira, {
      overrides: {
        asanaAsUser: () => connectedAsanaAdmin(asana),
      },
    });
    okValue(await app.call('saveRecord', { record: exampleRecord('acme-onboarding', { id: 'keys-1' }) }), z.unknown());
    expect(errorOf(await app.call('reviewChange', { key: '1204' }))).toMatchObject({
      code: 'BAD_REQUEST',
      problems: [{ path: 'key', message: 'must be an issue of DEL' }],
    });
    const target = { kind: 'asana', workspace: DEMO_WORKSPACE.gid, team: DEMO_TEAM.gid };
    okValue(await app.call('setProvisionTarget', { target }), z.unknown());
    expect(errorOf(await app.call('approveChange', { key: 'DEL-1' }))).toMatchObject({
      code: 'BAD_REQUEST',
      problems: [{ path: 'key', message: 'must be an Asana task id' }],
    });
  });
});
