import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { z } from 'zod';
import { afterEach, beforeEach, expect } from 'vitest';
import {
  DEMO_WORKSPACE,
  LOCAL_ASANA_OAUTH_APP,
  LOCAL_ASANA_PAT,
  startLocalAsana,
  type LocalAsana,
} from '../../emulators/asana/index';
import { startAsanaAppServer, type AsanaAppServer } from '../../src/asana-app/server';
import { appComponentsAt, localApprovals, localAsanaTarget } from '../../src/dev-server/local-asana-app';
import { exampleText, largeRecord, TODAY } from '../forge/support/records';

export { exampleText, largeRecord, TODAY };
export const yamlOf = (record: unknown) => stringify(record);

/** The client secret both sides share: the local Asana's app, as `npm start` uses it. */
export const CLIENT_SECRET = LOCAL_ASANA_OAUTH_APP.clientSecret;

export type Rig = {
  app: AsanaAppServer;
  asana: LocalAsana;
  dataDir: string;
  /** What the app server logged. */
  logs: string[];
  /** A call to the local Asana's API as its admin (personal access token): its `data`, as `shape` reads it. */
  api<T>(shape: z.ZodType<T>, method: string, path: string, data?: unknown): Promise<T>;
  /** Asks the local Asana to do what it does for App Components (`/-/app-components/…`). */
  admin(path: string, body: unknown): Promise<{ status: number; body: unknown }>;
  /** Stops the app server and starts it again on the same data directory (a restart). */
  restart(): Promise<void>;
};

/**
 * A spec-strict local Asana and the app server, registered with each other as on Asana (the
 * local Asana fires signed requests at the app's URLs); the run claim's settle time shortened,
 * as the CLI tests against local trackers do. No spec violation may be left at the end.
 * With `approvalKey`, approvals from Asana are on, and the local Asana sends webhooks to the
 * app server on this machine (quick retries), as the dev server does.
 */
export function useAsanaApp(options: { approvalKey?: string } = {}): () => Rig {
  let rig: Rig | undefined;
  let settle: string | undefined;
  beforeEach(async () => {
    settle = process.env.HANDOFF_CLAIM_SETTLE_MS;
    process.env.HANDOFF_CLAIM_SETTLE_MS = '1000';
    const dataDir = mkdtempSync(join(tmpdir(), 'asana-app-'));
    const holder: { asana?: LocalAsana } = {};
    const localAsana = () => {
      if (!holder.asana) throw new Error('the local Asana has not started');
      return holder.asana;
    };
    const logs: string[] = [];
    const start = (port: number) =>
      startAsanaAppServer({
        port,
        clientSecret: CLIENT_SECRET,
        dataDir: join(dataDir, 'app'),
        today: () => TODAY,
        openAsana: localAsanaTarget(localAsana),
        ...(options.approvalKey ? { approvals: localApprovals(localAsana, options.approvalKey) } : {}),
        log: (line) => logs.push(line),
      });
    let app = await start(0);
    const asana = await startLocalAsana({
      dataDir: join(dataDir, 'asana'),
      fresh: true,
      validate: 'strict',
      appComponents: appComponentsAt(app.origin),
      ...(options.approvalKey ? { webhookTargets: 'loopback' as const, webhookRetryMs: 20 } : {}),
    });
    holder.asana = asana;
    const origin = asana.url.replace(/\/api\/1\.0$/, '');
    rig = {
      get app() {
        return app;
      },
      asana,
      dataDir,
      logs,
      async api(shape, method, path, data) {
        const response = await fetch(`${asana.url}${path}`, {
          method,
          headers: { authorization: `Bearer ${LOCAL_ASANA_PAT}`, 'content-type': 'application/json' },
          ...(data === undefined ? {} : { body: JSON.stringify({ data }) }),
        });
        const json: unknown = await response.json();
        if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
        return z.object({ data: shape }).parse(json).data;
      },
      async admin(path, body) {
        const response = await fetch(`${origin}/-/app-components${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return { status: response.status, body: await response.json() };
      },
      async restart() {
        const port = app.port;
        await app.close();
        app = await start(port);
      },
    };
  });
  afterEach(async () => {
    if (!rig) return;
    await rig.app.close();
    expect(rig.asana.violations()).toEqual([]);
    await rig.asana.close();
    rmSync(rig.dataDir, { recursive: true, force: true });
    if (settle === undefined) delete process.env.HANDOFF_CLAIM_SETTLE_MS;
    else process.env.HANDOFF_CLAIM_SETTLE_MS = settle;
    rig = undefined;
  });
  return () => {
    if (!rig) throw new Error('useAsanaApp: no rig outside a test');
    return rig;
  };
}

const withGid = z.object({ gid: z.string() });

/** A sales project in the demo organization's Delivery team, with a deal task a rule fires on. */
export async function aDealTask(rig: Rig): Promise<{ project: string; task: string }> {
  const team = rig.asana.demoTeam();
  const project = await rig.api(withGid, 'POST', `/teams/${team}/projects`, { name: 'Sales pipeline' });
  const task = await rig.api(withGid, 'POST', '/tasks', {
    name: 'Acme — closed won',
    projects: [project.gid],
    workspace: DEMO_WORKSPACE.gid,
  });
  return { project: project.gid, task: task.gid };
}

/** The comments on a task, oldest first. */
export async function commentsOn(rig: Rig, task: string): Promise<string[]> {
  const stories = await rig.api(
    z.array(z.object({ text: z.string().optional(), resource_subtype: z.string() })),
    'GET',
    `/tasks/${task}/stories?opt_fields=text,resource_subtype`,
  );
  return stories.filter((s) => s.resource_subtype === 'comment_added').map((s) => s.text ?? '');
}

const taskPage = z.object({
  data: z.array(z.object({ name: z.string() })),
  next_page: z.object({ offset: z.string() }).nullable(),
});

/** Every task in the projects whose name ends with `[recordId]`: what a provisioning made. */
export async function provisionedTasks(rig: Rig, recordId: string): Promise<string[]> {
  const projects = await rig.api(
    z.array(z.object({ gid: z.string(), name: z.string() })),
    'GET',
    `/workspaces/${DEMO_WORKSPACE.gid}/projects?limit=100&opt_fields=name`,
  );
  const names: string[] = [];
  for (const project of projects.filter((p) => p.name.endsWith(`[${recordId}]`))) {
    let offset: string | undefined;
    do {
      const response = await fetch(
        `${rig.asana.url}/projects/${project.gid}/tasks?limit=100&opt_fields=name${offset ? `&offset=${offset}` : ''}`,
        { headers: { authorization: `Bearer ${LOCAL_ASANA_PAT}` } },
      );
      const page = taskPage.parse(await response.json());
      names.push(...page.data.map((t) => t.name));
      offset = page.next_page?.offset;
    } while (offset);
  }
  return names;
}
