import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { asanaRequest, type AsanaAppEnv } from './asana-request';
import { formRoutes } from './form-routes';
import { jobQueue } from './job-queue';
import { onceKeys } from './once-keys';
import { runProvisionJob, type JobOutcome, type OpenAsana, type ProvisionJob } from './provision-job';
import { recordPages } from './record-page';
import { recordStore } from './record-store';
import { ruleConfigs } from './rule-configs';
import { ruleRoutes } from './rule-routes';
import { approvalRoutes, type ApprovalSettings } from './webhooks/mount';

/** Where every route of the app server lives: the dev server and a deployment serve it under this path. */
export const ASANA_APP_PATH = '/asana-app';

/** Asana caps a rule action's typeahead at 50 results. */
const TYPEAHEAD_LIMIT = 50;

export type AsanaAppOptions = {
  /** The app's client secret (developer console): every request Asana sends is signed with it. */
  clientSecret: string;
  /** The server's address as Asana reaches it, e.g. `https://handoff.example.com` (form callbacks are absolute). */
  publicUrl: string;
  /** Records, rule configurations, idempotency keys, ledgers and last outcomes. */
  dataDir: string;
  openAsana: OpenAsana;
  today: () => string;
  now?: () => number;
  log?: (line: string) => void;
  /**
   * Approvals from Asana (`/webhooks/:id`, registered by `handoff asana-app watch`): a change
   * request completed by its approval owner is applied. Absent (no HANDOFF_APPROVAL_KEY), the
   * path refuses and start-up says why.
   */
  approvals?: ApprovalSettings;
};

/**
 * The Asana app server (App Components): a rule action "Provision handoff" and a modal form
 * behind a task's entry point, both verified (signature, expiry) before anything is read, both
 * answering at once and queueing the provisioning, whose outcome is commented on the task.
 * With `approvals`, Asana's webhook deliveries apply the change requests approval owners complete.
 * Returned as a Hono app so that more routes mount with one line.
 */
export function createAsanaApp(options: AsanaAppOptions) {
  const log = options.log ?? ((line: string) => console.error(line));
  const base = `${options.publicUrl.replace(/\/+$/, '')}${ASANA_APP_PATH}`;
  const records = recordStore(options.dataDir);
  const pages = recordPages({ base, clientSecret: options.clientSecret, dataDir: options.dataDir, records });
  const outcomes: JobOutcome[] = [];
  const queue = jobQueue(async (job: ProvisionJob) => {
    const outcome = await runProvisionJob(job, {
      records,
      openAsana: options.openAsana,
      today: options.today,
      dataDir: options.dataDir,
      log,
    });
    outcomes.push(outcome);
    await pages.keep(outcome);
  }, log);

  const app = new Hono().basePath(ASANA_APP_PATH);
  // Forms and typeahead are fetched by the person's browser on app.asana.com.
  app.use(
    '*',
    cors({
      origin: 'https://app.asana.com',
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      allowHeaders: ['Content-Type', 'X-Asana-Request-Signature'],
    }),
  );
  const signed = new Hono<AsanaAppEnv>();
  // Only Asana's own calls are signed: mounted routes (webhooks, the record page) check what they need.
  const verified = asanaRequest(options.clientSecret, options.now ?? Date.now);
  for (const path of ['/rule/*', '/form/*', '/typeahead/*']) signed.use(path, verified);
  signed.route(
    '/rule',
    ruleRoutes({
      base,
      records,
      configs: ruleConfigs(options.dataDir),
      first: onceKeys(options.dataDir).first,
      queue: queue.push,
    }),
  );
  signed.route('/form', formRoutes({ base, records, queue: queue.push, recordPage: pages.url }));
  signed.get('/typeahead/records', async (c) => {
    const query = typeof c.var.payload.query === 'string' ? c.var.payload.query : '';
    const found = await records.search(query, TYPEAHEAD_LIMIT);
    return c.json({ items: found.map((r) => ({ title: r.title, subtitle: r.id, value: r.id })) });
  });
  app.route('/records', pages.routes);
  // Webhook deliveries are signed with each webhook's own secret (X-Hook-Signature), checked there.
  const approvals = approvalRoutes(options.approvals, { dataDir: options.dataDir, log });
  app.route('/', approvals.routes);
  app.route('/', signed);

  return {
    app,
    records,
    /** Every outcome since start, oldest first. */
    outcomes: () => [...outcomes],
    /** Resolves when every queued provisioning and approval has finished. */
    idle: async () => {
      await Promise.all([queue.idle(), approvals.idle()]);
    },
  };
}

export type AsanaApp = ReturnType<typeof createAsanaApp>;
