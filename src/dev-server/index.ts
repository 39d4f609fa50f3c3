import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Hono } from 'hono';
import { z } from 'zod';
import type { ProvisionLimits } from '../forge/deps';
import { LOCAL_ASANA_OAUTH_APP, startLocalAsana, type LocalAsana } from '../../emulators/asana/index';
import { startAsanaAppServer, type AsanaAppServer } from '../asana-app/server';
import { defaultExamplesDir, repoRoot } from '../../emulators/common/repo-paths';
import { listen } from '../../emulators/common/serve';
import { LOCAL_ADMIN, accountIdFor, startLocalJira, type LocalJira } from '../../emulators/jira/index';
import { createFileKvs } from './local-kvs';
import { createLocalForge, type LocalForge } from './local-forge';
import { createPanelApp } from './panel-app';
import { listening } from './ports';
import { appComponentsAt, localApprovals, localAsanaTarget } from './local-asana-app';
import { createLocalAsanaAuth, LOCAL_BACKGROUND_GRANT } from './local-asana-auth';
import { startLocalIntake, type LocalIntake } from './local-intake';
import { issueContextPanel } from './issue-view';
import { localStandIns } from './local-stand-ins';
import { servedAsWebTrigger } from './web-trigger-route';

/** Where the panel's server stands in for the Forge web trigger of Asana's webhooks (`webTrigger.getUrl`). */
const ASANA_WEBHOOK_PATH = '/x1/asana-webhook-trigger';

const port = z.number().int().min(0).max(65535);
const devServerOptions = z.strictObject({
  /** The panel; 0 picks a free port (the tests do), as for the two emulators. */
  port: port.default(8787),
  jiraPort: port.default(8788),
  asanaPort: port.default(8789),
  /** The Asana app server (App Components), under `/asana-app/`. */
  asanaAppPort: port.default(8790),
  /** The CRM intake's web triggers: `/intake/hubspot` and `/intake/salesforce`. */
  intakePort: port.default(8791),
  /** The secrets the CRMs sign with; by default HANDOFF_HUBSPOT_SECRET and HANDOFF_SALESFORCE_SECRET. */
  hubspotSecret: z.string().min(1).optional(),
  salesforceSecret: z.string().min(1).optional(),
  /**
   * The client secret the app server checks Asana's signatures with (HANDOFF_ASANA_CLIENT_SECRET):
   * by default the local Asana's app's, which signs what the local Asana fires at the app server.
   */
  asanaClientSecret: z.string().min(1).default(LOCAL_ASANA_OAUTH_APP.clientSecret),
  /** HANDOFF_APPROVAL_KEY: with it, the app server applies a change request its approval owner completes. */
  approvalKey: z.string().min(1).optional(),
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

export type DevServer = {
  url: string;
  jira: LocalJira;
  asana: LocalAsana;
  asanaApp: AsanaAppServer;
  forge: LocalForge;
  intake: LocalIntake;
  close(): Promise<void>;
};

/**
 * `npm start`: the panel on 8787 as a project lead sees it in Jira, its resolvers running
 * here against the local Jira (8788) with the app's storage in `.handoff/local-forge`, the
 * local Asana (8789), and the Asana app server (8790, `/asana-app/`) it fires App Components
 * requests at. Project DEL gets an example record the first time, so the page shows
 * something at once. A port already taken fails with a sentence saying which and why.
 */
export async function startDevServer(input: DevServerOptions = {}): Promise<DevServer> {
  const options = devServerOptions.parse(input);
  const started: Array<{ close(): Promise<void> }> = [];
  // Known once the panel listens (port 0 picks one); the local Jira's issue page asks it per request.
  let panelPort = options.port;
  try {
    const jira = await listening('local Jira', options.jiraPort, '--jira-port', () =>
      startLocalJira({
        port: options.jiraPort,
        dataDir: join(options.dataDir, 'local-jira'),
        fresh: options.fresh,
        faults: { latencyMs: options.jiraLatencyMs },
        // The dev server stands for a site with the Forge app, so its property index exists.
        appInstalled: true,
        // ...and its issue context beside every issue the app marked.
        issuePanel: (issue) => issueContextPanel(issue, `http://127.0.0.1:${panelPort}`),
      }),
    );
    started.push(jira);
    // The app server first: the local Asana registers its URLs, as an app's are in Asana's developer console.
    const holder: { asana?: LocalAsana } = {};
    const localAsana = () => {
      if (!holder.asana) throw new Error('the local Asana is not running');
      return holder.asana;
    };
    const asanaAppData = join(options.dataDir, 'asana-app');
    if (options.fresh) rmSync(asanaAppData, { recursive: true, force: true });
    const asanaApp = await listening('Asana app server', options.asanaAppPort, '--asana-app-port', () =>
      startAsanaAppServer({
        port: options.asanaAppPort,
        clientSecret: options.asanaClientSecret,
        dataDir: asanaAppData,
        openAsana: localAsanaTarget(localAsana),
        ...(options.approvalKey ? { approvals: localApprovals(localAsana, options.approvalKey) } : {}),
        today: () => options.today ?? new Date().toISOString().slice(0, 10),
        log: options.log,
      }),
    );
    started.push(asanaApp);
    const asana = await listening('local Asana', options.asanaPort, '--asana-port', () =>
      startLocalAsana({
        port: options.asanaPort,
        dataDir: join(options.dataDir, 'local-asana'),
        fresh: options.fresh,
        appComponents: appComponentsAt(asanaApp.origin),
        // The app server it sends webhooks to runs on this machine: allowed here, refused by default (as Asana does).
        webhookTargets: 'loopback',
      }),
    );
    holder.asana = asana;
    started.push(asana);
    const kvs = createFileKvs({ dataDir: join(options.dataDir, 'local-forge'), fresh: options.fresh });
    // Who connected their Asana account: kept apart from the app's storage, as Forge keeps provider tokens.
    const asanaAuth = createLocalAsanaAuth({
      asana: () => asana,
      grants: createFileKvs({ dataDir: join(options.dataDir, 'local-external-auth'), fresh: options.fresh }),
      viewer: () => forge.viewer(),
    });
    const asanaWeb = new URL(asana.url).origin;
    const forge = createLocalForge({
      jira,
      kvs,
      asana: {
        asUser: (accountId) => {
          const user = asanaAuth.user(accountId);
          return { ...user, connection: { ...user.connection, appUrl: asanaWeb } };
        },
        asApp: { basePath: asana.url, appUrl: asanaWeb, tokenKind: 'oauth', oauth: LOCAL_BACKGROUND_GRANT },
        webhookUrl: () => `http://127.0.0.1:${panelPort}${ASANA_WEBHOOK_PATH}`,
      },
      ...(options.today ? { today: options.today } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
      log: options.log,
    });
    if (options.seed) await seed(forge, options.seed, options.log);
    const intake = await startLocalIntake({
      port: options.intakePort,
      deps: forge.deps,
      secrets: {
        hubspot: options.hubspotSecret ?? process.env.HANDOFF_HUBSPOT_SECRET,
        salesforce: options.salesforceSecret ?? process.env.HANDOFF_SALESFORCE_SECRET,
      },
      // The link written back to a deal: the local panel (the project page's stand-in).
      pageUrl: () => `http://127.0.0.1:${panelPort}/`,
    });
    started.push(intake);
    const app = createPanelApp({
      forge,
      distDir: options.distDir,
      shimFile: join(repoRoot, 'static/panel/local/bridge-shim.js'),
      port: () => panelPort,
      // People's avatars: the local Jira serves them, as Jira Cloud's avatar hosts do.
      imageOrigins: [new URL(jira.url).origin],
      // Connect Asana: the consent Forge's external auth runs, here against the local Asana; the web
      // trigger the local Asana sends its webhooks to (allowed to this machine above, as webhookTargets); and
      // the stand-ins for Automation and Rovo, calling the app's action functions as the rule's actor or the chatter.
      routes: new Hono()
        .route('/', asanaAuth.routes)
        .post(ASANA_WEBHOOK_PATH, (c) => servedAsWebTrigger(forge.asanaWebhook)(c.req.raw))
        .route(
          '/',
          localStandIns({
            deps: forge.deps,
            pageUrl: () => `http://localhost:${panelPort}/`,
            ruleActor: () => accountIdFor(LOCAL_ADMIN.email),
            chatting: () => forge.viewer(),
          }),
        ),
      // The issue page frames the issue context: by the address it is opened at, and the one it names itself by.
      frameAncestors: [new URL(jira.url).origin, `http://localhost:${new URL(jira.url).port}`],
    });
    const panel = await listening('panel', options.port, '--port', () => listen(app.fetch, '127.0.0.1', options.port));
    panelPort = panel.port;
    return {
      url: panel.origin,
      jira,
      asana,
      asanaApp,
      forge,
      intake,
      async close() {
        forge.queue.close();
        await forge.queue.idle();
        // The app server's queued runs finish first: they write to the local Asana.
        await asanaApp.close();
        await Promise.all([panel, ...started.filter((s) => s !== asanaApp)].map((s) => s.close()));
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
