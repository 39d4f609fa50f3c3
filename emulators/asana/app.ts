import { Hono } from 'hono';
import { emulatorRoutes } from '../common/emulator-routes';
import { findExamplePeople } from '../common/people';
import { DroppedConnection, createFaults } from '../common/faults';
import { contentfulStatus } from '../common/http-status';
import { jsonBody } from '../common/json-body';
import { openJsonStore, storeSession } from '../common/json-store';
import { specCheck, type Violation } from '../common/spec-check';
import { createStats } from '../common/stats';
import { loadValidator } from '../openapi/index';
import { AsanaError, errorBody } from './asana-error';
import { bearerAuth } from './auth';
import type { AsanaEnv } from './context';
import { asanaFaultProfile, faultSettings } from './faults';
import { createOAuthGrants, LOCAL_ASANA_OAUTH_APP } from './oauth-grants';
import { resolveLocalAsanaOptions, type LocalAsanaOptions } from './options';
import { appComponentsRoutes } from './routes/app-components';
import { batchRoutes } from './routes/batch';
import { dependencyRoutes } from './routes/dependencies';
import { oauthRoutes } from './routes/oauth';
import { oauthAuthorizeRoutes } from './routes/oauth-authorize';
import { projectRoutes } from './routes/projects';
import { sectionRoutes } from './routes/sections';
import { storyRoutes } from './routes/stories';
import { taskListRoutes } from './routes/task-lists';
import { taskRoutes } from './routes/tasks';
import { taskSearchRoutes } from './routes/task-search';
import { teamRoutes } from './routes/teams';
import { userRoutes } from './routes/users';
import { webRoutes } from './routes/web';
import { typeaheadRoutes } from './routes/typeahead';
import { webhookRoutes } from './routes/webhooks';
import { workspaceRoutes } from './routes/workspaces';
import { createWebhookDelivery } from './webhooks/delivery';
import { seedAsana } from './seed';
import { ASANA_ERRATA } from './spec-errata';
import { asanaState, type AsanaState } from './state';

/** Where Asana serves its API: `https://app.asana.com/api/1.0`. */
export const API_BASE = '/api/1.0';

/**
 * The local Asana as a Hono app, with no socket: `app.fetch` answers Requests in-process.
 * Every API request passes, in order: stats → JSON body → faults (the body tells a batch's
 * size) → spec check → state (reload, then save) → bearer auth → the resource. The Batch
 * API sends each action through this same app.
 */
export function createLocalAsanaApp(input: LocalAsanaOptions = {}) {
  const options = resolveLocalAsanaOptions(input);
  const store = openJsonStore({
    dataDir: options.dataDir,
    fileName: 'asana.json',
    fresh: options.fresh,
    persist: options.persist,
    schema: asanaState,
    kind: 'local Asana',
    seed: () => seedAsana(findExamplePeople(options.examplesDir), options.demoWorkspace),
  });
  const { controller: faults, middleware: injectFaults } = createFaults(
    faultSettings,
    options.faults,
    asanaFaultProfile,
    options.clock,
  );
  // A batch counts as one request; its actions are counted apart.
  const stats = createStats<AsanaEnv>();
  const actionStats = createStats<AsanaEnv>();
  const statistics = {
    snapshot: () => ({ ...stats.snapshot(), batchActions: actionStats.snapshot() }),
    reset: () => [stats, actionStats].forEach((s) => s.reset()),
  };
  const violations: Violation[] = [];
  const validator = options.validate === 'off' ? undefined : loadValidator(options.specFile, ASANA_ERRATA);
  const session = storeSession<AsanaEnv, AsanaState>(
    store,
    (c, state) => {
      c.set('state', state);
      c.set('base', `${new URL(c.req.url).origin}${API_BASE}`);
      c.set('clock', options.clock);
    },
    (c) => Boolean(c.env?.batchAction),
  );

  const grants = createOAuthGrants(options.clock);
  const webhooks = createWebhookDelivery(store, { clock: options.clock, retryMs: options.webhookRetryMs });
  webhooks.start(); // webhooks kept from an earlier run deliver what is still in their outboxes
  const app = new Hono<AsanaEnv>();
  app.route('/__emulator', emulatorRoutes({ faults, stats: statistics, violations: () => [...violations] }));
  const api = `${API_BASE}/*`;
  app.use(api, (c, next) => (c.env?.batchAction ? actionStats : stats).middleware(c, next));
  app.use(
    api,
    jsonBody<AsanaEnv>(
      (c, body) => c.set('body', body),
      (c) => c.json(errorBody(400, 'Could not parse request data, invalid JSON'), 400),
    ),
  );
  app.use(api, injectFaults);
  if (validator) {
    app.use(
      api,
      specCheck<AsanaEnv>(validator, {
        mode: options.validate,
        record: (v) => violations.push(v),
        body: (c) => c.var.body,
        violationBody,
      }),
    );
  }
  app.use(api, session, bearerAuth(grants));
  app.use('/0/*', session);
  // The OAuth token exchange sits at the root, outside the API and its spec; it counts as a request.
  app.use('/-/*', stats.middleware, session);
  app.route('/', oauthRoutes(grants));
  app.route('/-/app-components', appComponentsRoutes(options.appComponents, LOCAL_ASANA_OAUTH_APP.clientSecret));
  app.route('/', oauthAuthorizeRoutes(grants));
  for (const routes of [
    userRoutes,
    workspaceRoutes,
    teamRoutes,
    typeaheadRoutes(options.typeahead),
    taskSearchRoutes,
    projectRoutes,
    sectionRoutes,
    taskRoutes,
    taskListRoutes,
    dependencyRoutes,
    storyRoutes,
    webhookRoutes({ targets: options.webhookTargets, delivery: webhooks }),
  ]) {
    app.route(API_BASE, routes);
  }
  app.route(
    API_BASE,
    batchRoutes(
      async (request) => app.fetch(request, { batchAction: true }),
      () => faults.settings,
    ),
  );
  app.route('/', webRoutes);

  app.notFound((c) =>
    c.json(
      errorBody(
        404,
        `No matching route for request (the local Asana emulates ` +
          `the endpoints Handoff uses): ${c.req.method} ${c.req.path}`,
      ),
      404,
    ),
  );
  app.onError((error, c) => {
    if (error instanceof DroppedConnection) throw error; // in-process, a dropped connection is a rejected fetch
    if (error instanceof AsanaError)
      return c.json(errorBody(error.status, error.message), contentfulStatus(error.status), error.headers);
    console.error('[local-asana] unexpected error', error);
    return c.json(errorBody(500, `[local-asana] internal error: ${error.message}`), 500);
  });

  return { app, options, store, faults, webhooks, stats: statistics, violations: () => [...violations] };
}

export type LocalAsanaApp = ReturnType<typeof createLocalAsanaApp>;

/** Asana's error body naming the spec violation, so a strict test fails where it happened. */
function violationBody(what: string, errors: string[]) {
  return {
    errors: [`[local-asana] the ${what} breaks the Asana API spec (asana.v1.yaml):`, ...errors].map((message) => ({
      message,
    })),
  };
}
