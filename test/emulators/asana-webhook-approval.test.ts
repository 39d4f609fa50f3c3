import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { DEMO_TEAM, DEMO_WORKSPACE, LOCAL_ASANA_OAUTH_TOKEN, localAsanaTokens } from '../../emulators/asana/index';
import { listen, type Listening } from '../../emulators/common/serve';
import { approveOnCompletion, type ApprovalOutcome } from '../../src/asana-app/webhooks/approvals';
import { webhookDeps } from '../../src/asana-app/webhooks/deps';
import type { HookSecrets } from '../../src/asana-app/webhooks/hook-secrets';
import { createJobQueue } from '../../src/asana-app/webhooks/job-queue';
import { createWebhookRoutes } from '../../src/asana-app/webhooks/routes';
import { defaultRetryPolicy } from '../../src/provision/retry';
import { createAsanaTracker } from '../../src/trackers/asana/asana-tracker';
import { signedSeals } from '../../src/usecases/change/signed-seals';
import { TEST_APPROVAL_KEY, envSetter, TRACKER_ENV_KEYS } from './env';
import { ACME, runCli } from '../unit/cli/run-cli';
import { useLocalAsana } from '../contract/local-asana-suite';

/**
 * Approval from Asana: the app server's webhook routes against the served local Asana, which
 * makes the handshake and delivers signed events as Asana does. Priya is ACME's approval owner.
 */

const PRIYA = localAsanaTokens('priya.nair@vendor.example').oauthToken;
const dir = mkdtempSync(join(tmpdir(), 'handoff-asana-hooks-'));
const setEnv = envSetter(TRACKER_ENV_KEYS);
const outcomes: ApprovalOutcome[] = [];
// Asana delivers webhooks to the app server on this machine, and retries quickly.
const { local: asana } = useLocalAsana('asana-hooks', { webhookTargets: 'loopback', webhookRetryMs: 20 });
let server: Listening;
let secrets: HookSecrets;
const queue = createJobQueue((error) => {
  throw error;
});

/** The background account: the local admin. */
const asAdmin = () => ({
  basePath: asana().url,
  token: LOCAL_ASANA_OAUTH_TOKEN,
  workspace: DEMO_WORKSPACE.gid,
  team: DEMO_TEAM.gid,
  tokenKind: 'oauth' as const,
});
const tracker = () => createAsanaTracker(asAdmin());
const options = () => ({
  policy: { ...defaultRetryPolicy, baseDelayMs: 1, maxDelayMs: 5 },
  now: () => new Date().toISOString(),
  seals: signedSeals(TEST_APPROVAL_KEY),
  today: '2026-12-01',
});

async function call(method: string, path: string, body?: unknown, token = LOCAL_ASANA_OAUTH_TOKEN) {
  const response = await fetch(`${asana().url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json: unknown = await response.json();
  return { status: response.status, body: json };
}
const complete = (key: string, completed: boolean, token: string) =>
  call('PUT', `/tasks/${key}`, { data: { completed } }, token);
const comments = async (key: string) =>
  z
    .object({ data: z.array(z.object({ resource_subtype: z.string(), text: z.string() })) })
    .parse((await call('GET', `/tasks/${key}/stories?opt_fields=resource_subtype,text`)).body)
    .data.filter((s) => s.resource_subtype === 'comment_added')
    .map((s) => s.text);
const outcomeOf = async (key: string) => (await tracker().readChangeRequest(key))?.state.outcome?.kind;

/** Proposes dropping one more promise from the record as it stands; the change request's task gid. */
let current = ACME;
async function proposeDropping(promise: string): Promise<string> {
  const record = parse(readFileSync(current, 'utf8'));
  record.promises = record.promises.filter((p: { id: string }) => p.id !== promise);
  record.dependencies = record.dependencies.map((d: { blocks?: string[] }) => ({
    ...d,
    blocks: d.blocks?.filter((b) => b !== promise),
  }));
  const next = join(dir, `without-${promise}.handoff.yaml`);
  writeFileSync(next, stringify(record));
  const proposed = await runCli(
    'change',
    'propose',
    current,
    next,
    '--target',
    'asana',
    '--today',
    '2026-12-01',
    '--json',
  );
  expect(proposed.code, proposed.err).toBe(0);
  current = next;
  return z.object({ key: z.string() }).parse(JSON.parse(proposed.out)).key;
}

let project = '';
/** The change request the tests complete: dropping the `import` promise. */
let changeRequest = '';
let hookId = '';
beforeAll(async () => {
  setEnv({
    ASANA_BASE_URL: asana().url,
    ASANA_TOKEN: LOCAL_ASANA_OAUTH_TOKEN,
    ASANA_WORKSPACE: DEMO_WORKSPACE.gid,
    ASANA_TEAM: DEMO_TEAM.gid,
    ASANA_TOKEN_KIND: 'oauth',
    HANDOFF_APPROVAL_KEY: TEST_APPROVAL_KEY,
  });
  const provisioned = await runCli('provision', ACME, '--target', 'asana', '--today', '2026-12-01');
  expect(provisioned.code, provisioned.err).toBe(0);
  // As the app server wires it, with the test's queue (to wait for), day and quick retries.
  const deps = webhookDeps({
    asana: asAdmin,
    approvalKey: TEST_APPROVAL_KEY,
    dataDir: join(dir, 'app'),
    log: () => {},
  });
  secrets = deps.secrets;
  const app = new Hono();
  app.route('/asana-app', createWebhookRoutes({ ...deps, options, queue, onOutcome: (o) => outcomes.push(o) }));
  server = await listen(app.fetch, '127.0.0.1', 0);
}, 60_000);
afterAll(async () => {
  setEnv({});
  delete process.env.HANDOFF_ASANA_APP_DATA;
  await server.close();
});

describe('Asana webhooks: the X-Hook-Secret handshake', () => {
  it('`handoff asana-app watch` registers the webhook; the secret is echoed and kept for it only', async () => {
    const key = await proposeDropping('import');
    changeRequest = key;
    project =
      z
        .object({ data: z.object({ projects: z.array(z.object({ gid: z.string() })) }) })
        .parse((await call('GET', `/tasks/${key}?opt_fields=projects`)).body).data.projects[0]?.gid ?? '';
    // `handoff asana-app watch`, sharing the app server's data directory (its secrets).
    process.env.HANDOFF_ASANA_APP_DATA = join(dir, 'app');
    const run = await runCli(
      'asana-app',
      'watch',
      '--project',
      project,
      '--url',
      `${server.origin}/asana-app`,
      '--json',
    );
    expect(run.code, run.err).toBe(0);
    const watched = z.object({ webhook: z.string(), target: z.string() }).parse(JSON.parse(run.out));
    hookId = watched.target.split('/').pop() ?? '';
    const listed = await call('GET', `/webhooks?workspace=${DEMO_WORKSPACE.gid}&opt_fields=target,filters,active`);
    expect(listed.body).toMatchObject({
      data: [{ gid: watched.webhook, target: watched.target, active: true, filters: [{ fields: ['completed'] }] }],
    });
    expect(secrets.secretOf(hookId)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a handshake nobody awaits, or a second one for the same id, and keeps no secret from it', async () => {
    const kept = secrets.secretOf(hookId);
    const handshake = (id: string) =>
      fetch(`${server.origin}/asana-app/webhooks/${id}`, { method: 'POST', headers: { 'x-hook-secret': 'planted' } });
    const stranger = await handshake('0123456789abcdef');
    expect([stranger.status, stranger.headers.get('x-hook-secret')]).toEqual([403, null]);
    expect(secrets.secretOf('0123456789abcdef')).toBeUndefined();
    expect((await handshake(hookId)).status).toBe(403);
    expect(secrets.secretOf(hookId)).toBe(kept);
  });

  it('the local Asana refuses the webhook (400) when the target does not echo the secret', async () => {
    const refused = await call('POST', '/webhooks', {
      data: { resource: project, target: `${server.origin}/asana-app/webhooks/not-awaited` },
    });
    expect(refused.status).toBe(400);
  });
});

describe('Asana webhooks: completing a change request task approves it', () => {
  it('a completion by someone other than the approval owner is refused with a comment, nothing applied', async () => {
    const key = changeRequest;
    expect((await complete(key, true, LOCAL_ASANA_OAUTH_TOKEN)).status).toBe(200);
    await vi.waitFor(() => expect(outcomes).toContainEqual(expect.objectContaining({ key, kind: 'refused' })), {
      timeout: 10_000,
    });
    expect((await comments(key)).join('\n')).toContain('Only priya.nair@vendor.example (the approval owner)');
    expect(await outcomeOf(key)).toBeUndefined();
  });

  it('a wrong signature is refused (401) and applies nothing', async () => {
    const key = changeRequest;
    await complete(key, false, LOCAL_ASANA_OAUTH_TOKEN); // the refused completion undone, as asked
    // A delivery claiming a completion, not signed with this webhook's secret.
    const body = JSON.stringify({ events: [completion(key, 'forged')] });
    const forged = await deliver(body, createHmac('sha256', 'not-the-secret').update(body).digest('hex'));
    const unsigned = await deliver(body, undefined);
    expect([forged.status, unsigned.status]).toEqual([401, 401]);
    await queue.idle();
    expect(await outcomeOf(key)).toBeUndefined();
  });

  it('the approval owner completing it applies the change; the same delivery again applies nothing more', async () => {
    const key = changeRequest;
    expect((await complete(key, true, PRIYA)).status).toBe(200);
    await vi.waitFor(async () => expect(await outcomeOf(key)).toBe('applied'), { timeout: 15_000, interval: 100 });
    const stories = (await comments(key)).length;
    // Asana may deliver a batch twice (our answer was lost): the same signed body, twice more.
    const body = JSON.stringify({ events: [completion(key, '2026-12-01T10:00:00.000Z')] });
    const secret = secrets.secretOf(hookId) ?? '';
    for (let i = 0; i < 2; i += 1)
      expect((await deliver(body, createHmac('sha256', secret).update(body).digest('hex'))).status).toBe(200);
    await queue.idle();
    // Read once (already applied: settled); the exact repeat is not even read again.
    expect(outcomes.filter((o) => o.key === key && o.kind === 'applied')).toHaveLength(1);
    expect(outcomes.filter((o) => o.key === key && o.kind === 'settled').length).toBeGreaterThanOrEqual(1);
    expect((await comments(key)).length).toBe(stories);
    expect((await comments(key)).filter((c) => c.startsWith('Applied'))).toHaveLength(1);
    // The dropped promise's task went to "Descoped", as `handoff change apply` leaves it.
    const descoped = z
      .object({ data: z.array(z.object({ name: z.string() })) })
      .parse((await call('GET', `/projects/${project}/sections`)).body)
      .data.map((s) => s.name);
    expect(descoped).toContain('Descoped');
  });

  it('approveOnCompletion leaves ordinary tasks alone', async () => {
    const overview = z
      .object({ data: z.array(z.object({ gid: z.string(), name: z.string() })) })
      .parse((await call('GET', `/projects/${project}/tasks?opt_fields=name`)).body).data[0];
    expect(await approveOnCompletion(tracker(), overview?.gid ?? '', options())).toEqual({
      kind: 'not-a-change-request',
      key: overview?.gid,
    });
  });
});

function completion(key: string, at: string) {
  return {
    user: { gid: '1', resource_type: 'user' },
    created_at: at,
    action: 'changed',
    resource: { gid: key, resource_type: 'task', resource_subtype: 'default_task' },
    parent: null,
    change: { field: 'completed', action: 'changed' },
  };
}

function deliver(body: string, signature: string | undefined) {
  return fetch(`${server.origin}/asana-app/webhooks/${hookId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { 'x-hook-signature': signature } : {}) },
    body,
  });
}
