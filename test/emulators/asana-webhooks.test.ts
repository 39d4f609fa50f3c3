import { createHmac } from 'node:crypto';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_WORKSPACE, WEBHOOK_RETRIES } from '../../emulators/asana/index';
import { manualClock } from '../../emulators/common/clock';
import { listen, type Listening } from '../../emulators/common/serve';
import { at, createProject, createTask, dataList, gidOf, startTestAsana, type TestAsana } from './local-asana-harness';

/**
 * The local Asana's webhooks (POST/GET/DELETE /webhooks), spec-strict: the handshake before the
 * 201, then signed, batched deliveries of the events that pass the filters, retried with backoff.
 */

const RETRY_MS = 1000;
const clock = manualClock();
let t: TestAsana;
let receiver: Listening;
/** What the receiver does: echo the handshake or not, and the status it answers deliveries with. */
const behaviour = { echo: true, status: 200 };
const deliveries: Array<{ body: string; signature: string | null }> = [];
let handshakeSecret = '';

beforeAll(async () => {
  t = await startTestAsana({ clock, webhookTargets: 'loopback', webhookRetryMs: RETRY_MS });
  const app = new Hono();
  app.post('/hook', async (c) => {
    const secret = c.req.header('x-hook-secret');
    if (secret !== undefined) {
      handshakeSecret = secret;
      return behaviour.echo ? c.body(null, 204, { 'X-Hook-Secret': secret }) : c.body(null, 200);
    }
    deliveries.push({ body: await c.req.text(), signature: c.req.header('x-hook-signature') ?? null });
    return c.body(null, behaviour.status === 200 ? 200 : 500);
  });
  receiver = await listen(app.fetch, '127.0.0.1', 0);
});
afterAll(async () => {
  await receiver.close();
  await t.close();
});

const target = () => `${receiver.origin}/hook`;
const completions = (fromIndex: number) =>
  deliveries.slice(fromIndex).flatMap((d) => {
    const events = at(JSON.parse(d.body), 'events');
    return Array.isArray(events) ? events : [];
  });

describe('Asana webhooks: where a webhook may point (Asana answers localhost with 403)', () => {
  it('refuses a loopback target by default (403), before any handshake', async () => {
    const strict = await startTestAsana();
    const { project } = await createProject(strict);
    const refused = await strict.call('POST', '/webhooks', { data: { resource: project, target: target() } });
    expect(refused.status).toBe(403);
    expect(String(at(refused.body, 'errors', 0, 'message'))).toContain('Invalid hostname');
    await strict.close();
  });
});

describe('Asana webhooks (handshake; 10 s to answer; retries for 24 h, compressed): handshake and delivery', () => {
  let project = '';
  let webhook = '';
  let secret = '';

  it('refuses the webhook (400) when the target answers without the secret, and makes none', async () => {
    ({ project } = await createProject(t, 'Watched'));
    behaviour.echo = false;
    const refused = await t.call('POST', '/webhooks', { data: { resource: project, target: target() } });
    behaviour.echo = true;
    expect(refused.status).toBe(400);
    const unreachable = await t.call('POST', '/webhooks', {
      data: { resource: project, target: 'http://127.0.0.1:9/hook' },
    });
    expect(unreachable.status).toBe(400);
    expect(dataList(await t.call('GET', `/webhooks?workspace=${DEMO_WORKSPACE.gid}`))).toEqual([]);
  });

  it('makes it once the target echoed the secret: 201 with the secret, listed and readable', async () => {
    const made = await t.call('POST', '/webhooks', {
      data: {
        resource: project,
        target: target(),
        filters: [{ resource_type: 'task', action: 'changed', fields: ['completed'] }],
      },
    });
    expect(made.status).toBe(201);
    webhook = gidOf(made);
    secret = String(at(made.body, 'X-Hook-Secret'));
    expect(secret).toBe(handshakeSecret);
    expect(at(made.body, 'data')).toMatchObject({ resource: { gid: project, name: 'Watched' }, target: target() });
    expect(dataList(await t.call('GET', `/webhooks?workspace=${DEMO_WORKSPACE.gid}&resource=${project}`))).toEqual([
      { gid: webhook, resource_type: 'webhook', active: true, resource: expect.anything(), target: target() },
    ]);
    // `fields` only filters `changed` events, as the spec says.
    const bad = await t.call('POST', '/webhooks', {
      data: { resource: project, target: target(), filters: [{ action: 'added', fields: ['name'] }] },
    });
    expect(bad.status).toBe(400);
  });

  it('delivers the events that pass the filters, signed with the secret, asynchronously', async () => {
    const from = deliveries.length;
    const task = await createTask(t, project, { name: 'Change request' });
    await t.call('PUT', `/tasks/${task}`, { data: { name: 'Renamed' } }); // filtered out
    await t.call('PUT', `/tasks/${task}`, { data: { completed: true } });
    await vi.waitFor(() => expect(completions(from)).toHaveLength(1), { timeout: 5000 });
    const [delivery] = deliveries.slice(from);
    expect(delivery?.signature).toBe(
      createHmac('sha256', secret)
        .update(delivery?.body ?? '')
        .digest('hex'),
    );
    expect(completions(from)[0]).toMatchObject({
      action: 'changed',
      resource: { gid: task, resource_type: 'task' },
      change: { field: 'completed', action: 'changed' },
      user: { resource_type: 'user' },
    });
    expect(at((await t.call('GET', `/webhooks/${webhook}`)).body, 'data', 'last_success_at')).toEqual(
      expect.any(String),
    );
  });

  it('sends a refused delivery again after 1×, then 2× the retry wait, the same events: at least once', async () => {
    const from = deliveries.length;
    behaviour.status = 500;
    const task = await createTask(t, project);
    await t.call('PUT', `/tasks/${task}`, { data: { completed: true } });
    await vi.waitFor(() => expect(deliveries.length - from).toBe(1), { timeout: 5000 });
    await vi.waitFor(async () =>
      expect(at((await t.call('GET', `/webhooks/${webhook}`)).body, 'data')).toMatchObject({
        delivery_retry_count: 1,
        last_failure_content: expect.stringContaining('500'),
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(deliveries.length - from).toBe(1); // not before the wait is over
    clock.advance(RETRY_MS);
    await vi.waitFor(() => expect(deliveries.length - from).toBe(2), { timeout: 5000 });
    behaviour.status = 200;
    clock.advance(2 * RETRY_MS);
    await vi.waitFor(() => expect(deliveries.length - from).toBe(3), { timeout: 5000 });
    const bodies = deliveries.slice(from).map((d) => d.body);
    expect(new Set(bodies).size).toBe(1);
    await vi.waitFor(async () =>
      expect(at((await t.call('GET', `/webhooks/${webhook}`)).body, 'data', 'delivery_retry_count')).toBe(0),
    );
  });

  it(`deletes a webhook whose target failed ${WEBHOOK_RETRIES + 1} deliveries in a row`, async () => {
    behaviour.status = 500;
    const task = await createTask(t, project);
    await t.call('PUT', `/tasks/${task}`, { data: { completed: true } });
    for (let retry = 0; retry <= WEBHOOK_RETRIES; retry += 1) {
      await vi.waitFor(
        async () => {
          const reply = await t.call('GET', `/webhooks/${webhook}`);
          const count = reply.status === 404 ? WEBHOOK_RETRIES + 1 : at(reply.body, 'data', 'delivery_retry_count');
          expect(count).toBe(retry + 1);
        },
        { timeout: 5000 },
      );
      clock.advance(RETRY_MS * 2 ** retry);
    }
    expect((await t.call('GET', `/webhooks/${webhook}`)).status).toBe(404);
    behaviour.status = 200;
  });

  it('DELETE /webhooks/{gid} removes one: { data: {} }, then 404', async () => {
    const made = await t.call('POST', '/webhooks', { data: { resource: project, target: target() } });
    const gid = gidOf(made);
    const removed = await t.call('DELETE', `/webhooks/${gid}`);
    expect([removed.status, removed.body]).toEqual([200, { data: {} }]);
    expect((await t.call('GET', `/webhooks/${gid}`)).status).toBe(404);
  });
});
