import { createHmac, randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AsanaEnv } from '../context';
import { LOCAL_ASANA_ADMIN } from '../seed';
import { nextGid } from '../state';

/**
 * What the local Asana's one app registered in the developer console for App Components: the
 * rule action's form and run_action URLs and the modal form's URL (the form's callbacks come
 * from the form itself, as on Asana), and its client secret, which signs every request.
 */
export const appComponentsRegistration = z.object({
  ruleMetadataUrl: z.url(),
  runActionUrl: z.url(),
  formMetadataUrl: z.url(),
});
export type AppComponentsRegistration = z.infer<typeof appComponentsRegistration>;

/** Asana lets an app server this long to answer; a request also says it expires then. */
const TIMEOUT_MS = 10_000;

const formAnswer = z.object({ metadata: z.object({ on_submit_callback: z.string().optional() }).loose() }).loose();
const ruleAction = z.object({
  project: z.string(),
  user: z.string().optional(),
  values: z.record(z.string(), z.unknown()),
});
const run = z.object({ task: z.string(), user: z.string().optional(), idempotency_key: z.string().optional() });
const modal = z.object({ task: z.string(), user: z.string().optional(), values: z.record(z.string(), z.unknown()) });

/**
 * Admin routes under `/-/app-components/` (no auth: a local tool) that make the local Asana
 * call an app server the way Asana does (developers.asana.com, App Components): signed with
 * `x-asana-request-signature` — hex HMAC-SHA256 with the client secret of the query string
 * (GET) or of the body's `data` string (POST) — with an `expires_at` (ISO 8601) ten seconds
 * ahead, and given ten seconds to answer. Each answers `{ status, body }` as the app server did.
 *
 * - `POST /-/app-components/rule-actions` `{ project, values, user? }`: a person saves a rule
 *   with the "Provision handoff" action: its form is fetched, then submitted with `values`; the
 *   answer adds the new `action` id.
 * - `POST /-/app-components/rule-actions/{action}/run` `{ task, user?, idempotency_key? }`: the
 *   rule fires on a task: run_action, with a fresh idempotency key unless one is given (to
 *   replay Asana's retry).
 * - `POST /-/app-components/modal-form` `{ task, values, user? }`: a person opens the task's
 *   entry point and submits the modal form.
 */
export function appComponentsRoutes(registration: AppComponentsRegistration | undefined, clientSecret: string) {
  const routes = new Hono<AsanaEnv>();
  const sign = (message: string) => createHmac('sha256', clientSecret).update(message, 'utf8').digest('hex');
  const expiresAt = (c: { var: AsanaEnv['Variables'] }) => new Date(c.var.clock.now() + TIMEOUT_MS).toISOString();

  async function answer(response: Response) {
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: the app server's answer is shown as it came.
    }
    return { status: response.status, body };
  }
  const get = async (url: string, query: Record<string, string>) => {
    const search = new URLSearchParams(query).toString();
    return answer(
      await fetch(`${url}?${search}`, {
        headers: { 'x-asana-request-signature': sign(search) },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      }),
    );
  };
  const post = async (url: string, payload: Record<string, unknown>) => {
    const data = JSON.stringify(payload);
    return answer(
      await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-asana-request-signature': sign(data) },
        body: JSON.stringify({ data }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      }),
    );
  };

  routes.use('*', async (c, next) => {
    if (!registration)
      return c.json({ error: 'no app server is registered: start the local Asana with the appComponents option' }, 409);
    await next();
  });

  routes.post('/rule-actions', async (c) => {
    const given = ruleAction.safeParse(await c.req.json().catch(() => undefined));
    if (!given.success) return c.json({ error: 'expected { project, values, user? }' }, 400);
    const project = c.var.state.projects.find((p) => p.gid === given.data.project);
    if (!project) return c.json({ error: `no project ${given.data.project}` }, 404);
    const base = {
      workspace: project.workspaceGid,
      project: project.gid,
      user: given.data.user ?? LOCAL_ASANA_ADMIN.gid,
    };
    const form = await get(registration?.ruleMetadataUrl ?? '', {
      ...base,
      action_type: 'provision-handoff',
      expires_at: expiresAt(c),
    });
    const callback = formAnswer.safeParse(form.body);
    const onSubmit = callback.success ? callback.data.metadata.on_submit_callback : undefined;
    if (form.status !== 200 || !onSubmit) return c.json({ step: 'metadata', ...form }, 502);
    const action = nextGid(c.var.state);
    const submitted = await post(onSubmit, {
      ...base,
      action,
      action_type: 'provision-handoff',
      rule_name: 'Provision handoff',
      values: given.data.values,
      expires_at: expiresAt(c),
    });
    return c.json({ action, ...submitted });
  });

  routes.post('/rule-actions/:action/run', async (c) => {
    const given = run.safeParse(await c.req.json().catch(() => undefined));
    if (!given.success) return c.json({ error: 'expected { task, user?, idempotency_key? }' }, 400);
    const task = c.var.state.tasks.find((t) => t.gid === given.data.task);
    if (!task) return c.json({ error: `no task ${given.data.task}` }, 404);
    const idempotencyKey = given.data.idempotency_key ?? randomUUID();
    const ran = await post(registration?.runActionUrl ?? '', {
      workspace: task.workspaceGid,
      project: task.memberships[0]?.projectGid ?? '',
      user: given.data.user ?? LOCAL_ASANA_ADMIN.gid,
      target_object: task.gid,
      action: c.req.param('action'),
      action_type: 'provision-handoff',
      idempotency_key: idempotencyKey,
      expires_at: expiresAt(c),
    });
    return c.json({ idempotency_key: idempotencyKey, ...ran });
  });

  routes.post('/modal-form', async (c) => {
    const given = modal.safeParse(await c.req.json().catch(() => undefined));
    if (!given.success) return c.json({ error: 'expected { task, values, user? }' }, 400);
    const task = c.var.state.tasks.find((t) => t.gid === given.data.task);
    if (!task) return c.json({ error: `no task ${given.data.task}` }, 404);
    const base = { workspace: task.workspaceGid, task: task.gid, user: given.data.user ?? LOCAL_ASANA_ADMIN.gid };
    const form = await get(registration?.formMetadataUrl ?? '', { ...base, expires_at: expiresAt(c) });
    const callback = formAnswer.safeParse(form.body);
    const onSubmit = callback.success ? callback.data.metadata.on_submit_callback : undefined;
    if (form.status !== 200 || !onSubmit) return c.json({ step: 'metadata', ...form }, 502);
    return c.json(await post(onSubmit, { ...base, values: given.data.values, expires_at: expiresAt(c) }));
  });

  return routes;
}
