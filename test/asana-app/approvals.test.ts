import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_WORKSPACE, LOCAL_ASANA_OAUTH_TOKEN, localAsanaTokens } from '../../emulators/asana/index';
import { startAsanaAppServer } from '../../src/asana-app/server';
import { fileHookSecrets } from '../../src/asana-app/webhooks/hook-secrets';
import { createAsanaTracker } from '../../src/trackers/asana/asana-tracker';
import { ACME, runCli } from '../unit/cli/run-cli';
import { envSetter, TEST_APPROVAL_KEY, TRACKER_ENV_KEYS } from '../emulators/env';
import { commentsOn, TODAY, useAsanaApp, type Rig } from './support';

/**
 * Approval from Asana through the served app server (the factory `handoff asana-app serve` and
 * the dev server use): a change proposed with the CLI on the local Asana, its project watched
 * with `handoff asana-app watch`, is applied when its approval owner (Priya) completes its task —
 * nobody runs `change apply`. The local Asana makes the handshake and signs its deliveries.
 */

const PRIYA = localAsanaTokens('priya.nair@vendor.example').oauthToken;
const setEnv = envSetter([...TRACKER_ENV_KEYS, 'HANDOFF_ASANA_APP_DATA']);
afterEach(() => setEnv({}));

/** Provisions ACME with the CLI, proposes dropping its `import` promise, watches the project: the request and hook. */
async function proposedAndWatched(r: Rig): Promise<{ key: string; hook: string }> {
  setEnv({
    ASANA_BASE_URL: r.asana.url,
    ASANA_TOKEN: LOCAL_ASANA_OAUTH_TOKEN,
    ASANA_TOKEN_KIND: 'oauth',
    ASANA_WORKSPACE: DEMO_WORKSPACE.gid,
    ASANA_TEAM: r.asana.demoTeam(),
    HANDOFF_APPROVAL_KEY: TEST_APPROVAL_KEY,
    // `watch` shares the app server's data directory: the webhook's secret is kept there.
    HANDOFF_ASANA_APP_DATA: join(r.dataDir, 'app'),
  });
  const provisioned = await runCli('provision', ACME, '--target', 'asana', '--today', TODAY);
  expect(provisioned.code, provisioned.err).toBe(0);
  const record = parse(readFileSync(ACME, 'utf8'));
  record.promises = record.promises.filter((p: { id: string }) => p.id !== 'import');
  record.dependencies = record.dependencies.map((d: { blocks?: string[] }) => ({
    ...d,
    blocks: d.blocks?.filter((b) => b !== 'import'),
  }));
  const next = join(r.dataDir, 'without-import.handoff.yaml');
  writeFileSync(next, stringify(record));
  const proposed = await runCli('change', 'propose', ACME, next, '--target', 'asana', '--today', TODAY, '--json');
  expect(proposed.code, proposed.err).toBe(0);
  const key = z.object({ key: z.string() }).parse(JSON.parse(proposed.out)).key;
  const task = await r.api(z.object({ projects: z.array(z.object({ gid: z.string() })) }), 'GET', `/tasks/${key}`);
  // The app server's own address, as `serve` prints it: watch points Asana at its mounted path.
  const watched = await runCli('asana-app', 'watch', '--project', task.projects[0]?.gid ?? '', '--url', r.app.origin);
  expect(watched.code, watched.err).toBe(0);
  const hook = /\/asana-app\/webhooks\/([0-9a-f]+)/.exec(JSON.stringify(await hooksOf(r)))?.[1] ?? '';
  expect(hook).not.toBe('');
  return { key, hook };
}

async function hooksOf(r: Rig) {
  return r.api(
    z.array(z.object({ target: z.string() })),
    'GET',
    `/webhooks?workspace=${DEMO_WORKSPACE.gid}&opt_fields=target`,
  );
}

const complete = (r: Rig, key: string, token: string) =>
  fetch(`${r.asana.url}/tasks/${key}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ data: { completed: true } }),
  });

const outcomeOf = async (r: Rig, key: string) =>
  (
    await createAsanaTracker({
      basePath: r.asana.url,
      token: LOCAL_ASANA_OAUTH_TOKEN,
      workspace: DEMO_WORKSPACE.gid,
      tokenKind: 'oauth',
    }).readChangeRequest(key)
  )?.state.outcome?.kind;

describe('Asana app server: approvals from Asana (HANDOFF_APPROVAL_KEY set)', () => {
  const rig = useAsanaApp({ approvalKey: TEST_APPROVAL_KEY });

  it('the approval owner completing the task applies the change; a delivery replayed applies it once', async () => {
    const r = rig();
    const { key, hook } = await proposedAndWatched(r);
    expect((await complete(r, key, PRIYA)).status).toBe(200);
    await vi.waitFor(async () => expect(await outcomeOf(r, key)).toBe('applied'), { timeout: 20_000, interval: 100 });
    await r.app.idle();
    // Asana sends a batch again when our answer was lost: a completion signed with the webhook's secret, twice.
    const body = JSON.stringify({
      events: [
        {
          action: 'changed',
          created_at: '2026-12-01T10:00:00.000Z',
          user: { gid: '1', resource_type: 'user' },
          resource: { gid: key, resource_type: 'task' },
          change: { field: 'completed', action: 'changed' },
        },
      ],
    });
    const signature = createHmac('sha256', fileHookSecrets(join(r.dataDir, 'app')).secretOf(hook) ?? '')
      .update(body)
      .digest('hex');
    for (let i = 0; i < 2; i += 1) {
      const replayed = await fetch(`${r.app.origin}/asana-app/webhooks/${hook}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hook-signature': signature },
        body,
      });
      expect(replayed.status).toBe(200);
    }
    await r.app.idle();
    expect(r.logs.filter((line) => line === `asana-app: ${key} applied`)).toHaveLength(1);
    expect((await commentsOn(r, key)).filter((c) => c.startsWith('Applied'))).toHaveLength(1);
  }, 60_000);

  it('someone else completing it gets a "Not applied" comment, and nothing is applied', async () => {
    const r = rig();
    const { key } = await proposedAndWatched(r);
    expect((await complete(r, key, LOCAL_ASANA_OAUTH_TOKEN)).status).toBe(200);
    await vi.waitFor(() => expect(r.logs).toContainEqual(expect.stringContaining(`${key} refused`)), {
      timeout: 20_000,
    });
    const said = (await commentsOn(r, key)).join('\n');
    expect(said).toContain('Not applied.');
    expect(said).toContain('Only priya.nair@vendor.example (the approval owner)');
    expect(await outcomeOf(r, key)).toBeUndefined();
  }, 60_000);
});

describe('Asana app server: approvals from Asana off (no HANDOFF_APPROVAL_KEY)', () => {
  it('says so at start-up in one line, and the webhook path refuses with why', async () => {
    const logs: string[] = [];
    const server = await startAsanaAppServer({
      port: 0,
      clientSecret: 'client-secret',
      dataDir: mkdtempSync(join(tmpdir(), 'asana-app-off-')),
      today: () => TODAY,
      openAsana: () => Promise.reject(new Error('not reached')),
      log: (line) => logs.push(line),
    });
    try {
      expect(logs).toEqual([expect.stringMatching(/^asana-app: approvals from Asana are off: HANDOFF_APPROVAL_KEY/)]);
      const refused = await fetch(`${server.origin}/asana-app/webhooks/0123abcd`, {
        method: 'POST',
        headers: { 'x-hook-secret': 'anything' },
      });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('x-hook-secret')).toBeNull();
      expect(await refused.text()).toContain(
        'HANDOFF_APPROVAL_KEY (the key change requests are sealed with) is not set',
      );
    } finally {
      await server.close();
    }
  });
});
