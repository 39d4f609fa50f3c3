import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { ProvisionLimits } from '../forge/deps';
import { startLocalAsana, type LocalAsana } from '../../emulators/asana/index';
import { defaultExamplesDir, repoRoot } from '../../emulators/common/repo-paths';
import { listen } from '../../emulators/common/serve';
import { startLocalJira, type LocalJira } from '../../emulators/jira/index';
import { createFileKvs } from './local-kvs';
import { createLocalForge, type LocalForge } from './local-forge';
import { createPanelApp } from './panel-app';
import { listening } from './ports';

const port = z.number().int().min(0).max(65535);
const devServerOptions = z.strictObject({
  /** The panel; 0 picks a free port (the tests do), as for the two emulators. */
  port: port.default(8787),
  jiraPort: port.default(8788),
  asanaPort: port.default(8789),
  /** Holds `local-jira/`, `local-asana/` and `local-forge/` (the app's storage). */
  dataDir: z
    .string()
    .min(1)
    .default('.handoff')
    .transform((dir) => resolve(dir)),
  /** Start everything from its seed, discarding what the data directory held. */
  fresh: z.boolean().default(false),
  /** `YYYY-MM-DD` the app takes as today; the machine's date when absent. */
  today: z.iso.date().optional(),
  /** The example (`examples/<name>.handoff.yaml`) project DEL starts with; null: none. */
  seed: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .nullable()
    .default('acme-onboarding'),
  /** Forge limits to override, e.g. `inlineItems: 0` to send every plan through the queue. */
  limits: z.custom<Partial<ProvisionLimits>>((v) => typeof v === 'object' && v !== null).optional(),
  /** Delay of every local Jira request, to watch progress at human speed. */
  jiraLatencyMs: z.number().int().min(0).default(0),
  distDir: z.string().default(join(repoRoot, 'static/panel/dist')),
  log: z
    .custom<(line: string) => void>((v) => typeof v === 'function')
    .default(() => (line: string) => console.error(line)),
});
export type DevServerOptions = z.input<typeof devServerOptions>;

export type DevServer = { url: string; jira: LocalJira; asana: LocalAsana; forge: LocalForge; close(): Promise<void> };

/**
 * `npm start`: the panel on 8787 as a project lead sees it in Jira, its resolvers running
 * here against the local Jira (8788) with the app's storage in `.handoff/local-forge`, and the
 * local Asana (8789). Project DEL gets an example record the first time, so the page shows
 * something at once. A port already taken fails with a sentence saying which and why.
 */
export async function startDevServer(input: DevServerOptions = {}): Promise<DevServer> {
  const options = devServerOptions.parse(input);
  const started: Array<{ close(): Promise<void> }> = [];
  try {
    const jira = await listening('local Jira', options.jiraPort, '--jira-port', () =>
      startLocalJira({
        port: options.jiraPort,
        dataDir: join(options.dataDir, 'local-jira'),
        fresh: options.fresh,
        faults: { latencyMs: options.jiraLatencyMs },
        // The dev server stands for a site with the Forge app, so its property index exists.
        appInstalled: true,
      }),
    );
    started.push(jira);
    const asana = await listening('local Asana', options.asanaPort, '--asana-port', () =>
      startLocalAsana({
        port: options.asanaPort,
        dataDir: join(options.dataDir, 'local-asana'),
        fresh: options.fresh,
        // The app server it sends webhooks to runs on this machine: allowed here, refused by default (as Asana does).
        webhookTargets: 'loopback',
      }),
    );
    started.push(asana);
    const kvs = createFileKvs({ dataDir: join(options.dataDir, 'local-forge'), fresh: options.fresh });
    const forge = createLocalForge({
      jira,
      kvs,
      ...(options.today ? { today: options.today } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
      log: options.log,
    });
    if (options.seed) await seed(forge, options.seed, options.log);
    let panelPort = options.port;
    const app = createPanelApp({
      forge,
      distDir: options.distDir,
      shimFile: join(repoRoot, 'static/panel/local/bridge-shim.js'),
      port: () => panelPort,
    });
    const panel = await listening('panel', options.port, '--port', () => listen(app.fetch, '127.0.0.1', options.port));
    panelPort = panel.port;
    return {
      url: panel.origin,
      jira,
      asana,
      forge,
      async close() {
        forge.queue.close();
        await forge.queue.idle();
        await Promise.all([panel, ...started].map((s) => s.close()));
      },
    };
  } catch (error) {
    await Promise.allSettled(started.map((s) => s.close()));
    throw error;
  }
}

const loaded = z.object({ ok: z.literal(true), value: z.object({ record: z.unknown() }) });

/** Saves the example as project DEL's record through the resolver (so the history shows it), unless DEL has one. */
async function seed(forge: LocalForge, name: string, log: (line: string) => void): Promise<void> {
  const current = loaded.safeParse(await forge.invoke('loadRecord', {}));
  if (current.success && current.data.value.record !== null && current.data.value.record !== undefined) return;
  const text = readFileSync(join(defaultExamplesDir(), `${name}.handoff.yaml`), 'utf8');
  const response = await forge.invoke('saveRecord', { text });
  if (!z.object({ ok: z.literal(true) }).safeParse(response).success)
    log(`[dev-server] could not seed project DEL with ${name}: ${JSON.stringify(response)}`);
}
