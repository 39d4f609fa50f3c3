import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { Hono } from 'hono';
import { badRequest, forbidden, notFound } from '../asana-error';
import type { AsanaEnv } from '../context';
import { findProject, findTask, findWorkspace } from '../lookups';
import { dataOf, optionalString, pathParam, viewerOf } from '../request';
import { empty, list, single } from '../responses';
import { represent } from '../render';
import { selection } from '../opt-fields';
import { asanaTime, nextGid, type WebhookFilter } from '../state';
import { TARGET_TIMEOUT_MS, type WebhookDelivery } from '../webhooks/delivery';

/** What Asana calls a hostname it will not send to (its docs: "Invalid hostnames like localhost … 403"). */
const PRIVATE_HOST =
  /^(localhost|.*\.localhost|127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|0\.0\.0\.0|\[?::1\]?$)/i;

/**
 * POST/GET/DELETE /webhooks: Asana's webhooks on a project or a task. Creating one performs
 * the handshake before answering: a POST to the target carrying `X-Hook-Secret`, which the
 * target must echo in a 200 or 204 within 10 s; else no webhook is made and the caller gets
 * 400. The secret then signs every delivery (`webhooks/delivery.ts`) and is in the 201's body,
 * as the spec shows it.
 */
export function webhookRoutes(settings: { targets: 'public' | 'loopback'; delivery: WebhookDelivery }) {
  const routes = new Hono<AsanaEnv>();

  routes.post('/webhooks', async (c) => {
    const v = viewerOf(c);
    const data = dataOf(c);
    const resourceGid = optionalString(data, 'resource');
    const target = optionalString(data, 'target');
    if (resourceGid === undefined) throw badRequest('resource: Missing input');
    if (target === undefined) throw badRequest('target: Missing input');
    const filters = readFilters(data.filters);
    const project = v.state.projects.some((p) => p.gid === resourceGid);
    const resource = project ? findProject(v, resourceGid, 'resource') : findTask(v, resourceGid, 'resource');
    const url = URL.canParse(target) ? new URL(target) : undefined;
    if (!url || !/^https?:$/.test(url.protocol)) throw badRequest(`target: Not a valid URL: ${target}`);
    if (settings.targets === 'public' && (PRIVATE_HOST.test(url.hostname) || isIP(url.hostname) === 6))
      throw forbidden(`target: Invalid hostname: ${url.hostname}`);
    const secret = randomBytes(32).toString('hex');
    if (!(await handshake(target, secret)))
      throw badRequest(
        'The remote server did not respond with the handshake secret: it must answer the POST that carries ' +
          'X-Hook-Secret with 200 or 204 and the same X-Hook-Secret header',
      );
    // The handshake awaited the network; in this process the state is one object,
    // so what requests answered meanwhile changed is in it.
    const gid = nextGid(c.var.state);
    c.var.state.webhooks.push({
      gid,
      workspaceGid: resource.workspaceGid,
      resourceGid,
      resourceKind: project ? 'project' : 'task',
      target,
      secret,
      filters,
      createdByGid: v.actor.gid,
      createdAt: asanaTime(new Date(c.var.clock.now())),
      lastSuccessAt: null,
      lastFailureAt: null,
      lastFailureContent: null,
      deliveryRetryCount: 0,
      nextAttemptAfter: null,
      outbox: [],
    });
    settings.delivery.start();
    const shape = selection(c) ?? 'full';
    return c.json({ data: represent(v, 'webhook', gid, shape), 'X-Hook-Secret': secret }, 201, {
      Location: `/webhooks/${gid}`,
    });
  });

  /** GET /webhooks?workspace=&resource= — the caller's own webhooks there (Asana: "your app has registered"). */
  routes.get('/webhooks', (c) => {
    const v = viewerOf(c);
    const ref = c.req.query('workspace');
    if (ref === undefined) throw badRequest('workspace: Missing input');
    const workspace = findWorkspace(v, ref);
    const resource = c.req.query('resource');
    const gids = v.state.webhooks
      .filter((w) => w.workspaceGid === workspace.gid && w.createdByGid === v.actor.gid)
      .filter((w) => resource === undefined || w.resourceGid === resource)
      .map((w) => w.gid);
    return list(c, 'webhook', gids);
  });

  routes.get('/webhooks/:webhook_gid', (c) => single(c, 'webhook', ownWebhook(c, pathParam(c, 'webhook_gid'))));

  routes.delete('/webhooks/:webhook_gid', (c) => {
    const gid = ownWebhook(c, pathParam(c, 'webhook_gid'));
    c.var.state.webhooks = c.var.state.webhooks.filter((w) => w.gid !== gid);
    return empty(c);
  });

  return routes;
}

/** A webhook the caller made; anyone else's is unknown to them. */
function ownWebhook(c: { var: AsanaEnv['Variables'] }, gid: string): string {
  const hook = c.var.state.webhooks.find((w) => w.gid === gid && w.createdByGid === c.var.actor.gid);
  if (!hook) throw notFound(`webhook: Unknown object: ${gid}`);
  return hook.gid;
}

/** `filters`: WebhookFilter objects; `fields` only with `action: changed`, as the spec says. */
function readFilters(value: unknown): WebhookFilter[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw badRequest('filters: Not an array');
  return value.map((item, i) => {
    if (typeof item !== 'object' || item === null) throw badRequest(`filters: [${i}]: Not an object`);
    const f = Object.fromEntries(Object.entries(item));
    const text = (name: string) => optionalString(f, name);
    const fields = f.fields;
    if (fields !== undefined && (!Array.isArray(fields) || !fields.every((x) => typeof x === 'string')))
      throw badRequest(`filters: [${i}]: fields: Not an array of strings`);
    if (fields !== undefined && text('action') !== 'changed')
      throw badRequest(`filters: [${i}]: fields: Only valid for action "changed"`);
    const filter: WebhookFilter = {};
    for (const name of ['resource_type', 'resource_subtype', 'action'] as const) {
      const given = text(name);
      if (given !== undefined) filter[name] = given;
    }
    if (fields !== undefined) filter.fields = fields;
    return filter;
  });
}

/** The handshake: the target must echo the secret, with 200 or 204, within Asana's 10 seconds. */
async function handshake(target: string, secret: string): Promise<boolean> {
  try {
    const answer = await fetch(target, {
      method: 'POST',
      headers: { 'x-hook-secret': secret },
      signal: AbortSignal.timeout(TARGET_TIMEOUT_MS),
    });
    await answer.body?.cancel();
    return (answer.status === 200 || answer.status === 204) && answer.headers.get('x-hook-secret') === secret;
  } catch {
    return false;
  }
}
