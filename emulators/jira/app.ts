import { Hono, type Context } from 'hono';
import { emulatorRoutes } from '../common/emulator-routes';
import { adminRoutes } from './admin-routes';
import { findExamplePeople } from '../common/people';
import { DroppedConnection, createFaults } from '../common/faults';
import { contentfulStatus } from '../common/http-status';
import { jsonBody } from '../common/json-body';
import { openJsonStore, storeSession } from '../common/json-store';
import { specCheck, type Violation } from '../common/spec-check';
import { createStats } from '../common/stats';
import { loadValidator } from '../openapi/index';
import { propertyIndexes } from './app-index';
import { basicAuth } from './auth';
import { GATEWAY_PREFIX, tenantInfo, throughGateway } from './gateway';
import type { JiraEnv } from './context';
import { jiraFaultProfile } from './fault-responses';
import { faultSettings } from './fault-settings';
import { JiraError } from './jira-error';
import { resolveLocalJiraOptions, type LocalJiraOptions } from './options';
import { avatarRoutes } from './routes/avatars';
import { browseRoutes } from './routes/browse';
import { issueNavigatorRoutes } from './routes/issue-navigator';
import { bulkRoutes } from './routes/bulk';
import { bulkFetchRoutes } from './routes/bulk-fetch';
import { changelogRoutes } from './routes/changelog';
import { commentRoutes } from './routes/comments';
import { issueRoutes } from './routes/issues';
import { linkRoutes } from './routes/links';
import { myPermissionRoutes } from './routes/my-permissions';
import { projectRoutes } from './routes/projects';
import { projectPropertyRoutes } from './routes/project-properties';
import { propertyRoutes } from './routes/properties';
import { searchRoutes } from './routes/search';
import { transitionRoutes } from './routes/transitions';
import { userRoutes } from './routes/users';
import { seedSite } from './seed';
import { siteState, type SiteState } from './site-state';

/**
 * The local Jira as a Hono app, with no socket: `app.fetch` answers Requests in-process.
 * Every Jira request passes, in order: stats → JSON body → faults → spec check →
 * site (reload, then save) → Basic auth → the resource. The same API answers under the
 * gateway's `/ex/jira/{cloudId}` (gateway.ts).
 */
export function createLocalJiraApp(input: LocalJiraOptions = {}) {
  const options = resolveLocalJiraOptions(input);
  const store = openJsonStore({
    dataDir: options.dataDir,
    fileName: 'site.json',
    fresh: options.fresh,
    persist: options.persist,
    schema: siteState,
    kind: 'local Jira site',
    seed: () => seedSite(findExamplePeople(options.examplesDir)),
  });
  const { controller: faults, middleware: injectFaults } = createFaults(
    faultSettings,
    options.faults,
    jiraFaultProfile(options.clock),
    options.clock,
  );
  const stats = createStats<JiraEnv>();
  const violations: Violation[] = [];
  const validator = options.validate === 'off' ? undefined : loadValidator(options.specFile);
  const indexes = propertyIndexes(options.appInstalled);
  const session = storeSession<JiraEnv, SiteState>(store, (c, site) => {
    c.set('site', site);
    c.set('base', c.env?.gatewayBase ?? new URL(c.req.url).origin);
    c.set('clock', options.clock);
    c.set('indexes', indexes);
  });

  const app = new Hono<JiraEnv>();
  app.route('/__emulator', emulatorRoutes({ faults, stats, violations: () => [...violations] }));
  app.route('/__emulator', adminRoutes(store));
  app.use(
    '/rest/*',
    stats.middleware,
    // The body first: the per-issue write limit reads which issues a new link joins.
    jsonBody<JiraEnv>(
      (c, body) => c.set('body', body),
      (c) => c.json(INVALID_JSON, 400),
    ),
    injectFaults,
  );
  if (validator) {
    // 401 is left unchecked: Atlassian's edge answers it before any
    // operation runs, and the spec does not list it everywhere.
    app.use(
      '/rest/*',
      specCheck<JiraEnv>(validator, {
        mode: options.validate,
        record: (v) => violations.push(v),
        body: (c) => c.var.body,
        violationBody,
        unchecked: [401],
      }),
    );
  }
  app.use('/rest/*', session, basicAuth());
  app.use('/browse/*', session);
  // The search page reads the index as the REST search does: with the search lag of the moment.
  app.use('/issues/*', session, async (c, next) => {
    c.set('faults', faults.settings);
    await next();
  });
  app.use('/secure/*', session);
  for (const routes of [
    userRoutes,
    myPermissionRoutes,
    bulkRoutes,
    bulkFetchRoutes,
    projectRoutes,
    issueRoutes,
    changelogRoutes,
    propertyRoutes,
    projectPropertyRoutes,
    linkRoutes,
    commentRoutes,
    transitionRoutes,
    searchRoutes,
  ]) {
    app.route('/rest/api/3', routes);
  }
  app.route('/', browseRoutes(options.issuePanel));
  app.route('/', issueNavigatorRoutes);
  app.route('/', avatarRoutes);
  app.get('/_edge/tenant_info', tenantInfo);
  app.all(`${GATEWAY_PREFIX}/:cloudId/rest/*`, (c) => throughGateway(c, app.fetch));

  app.notFound((c) =>
    c.json(
      {
        type: 'about:blank',
        title: 'Not Found',
        status: 404,
        detail: `No endpoint ${c.req.method} ${c.req.path}. (The local Jira emulates the operations Handoff uses.)`,
        instance: c.req.path,
      },
      404,
      { 'Content-Type': 'application/problem+json;charset=UTF-8' },
    ),
  );
  app.onError((error, c) => {
    if (error instanceof DroppedConnection) throw error; // in-process, a dropped connection is a rejected fetch
    if (error instanceof JiraError) return errorResponse(c, error);
    console.error('[local-jira] unexpected error', error);
    return c.json({ errorMessages: [`[local-jira] internal error: ${error.message}`], errors: {} }, 500);
  });

  return { app, options, store, faults, stats, violations: () => [...violations] };
}

export type LocalJiraApp = ReturnType<typeof createLocalJiraApp>;

const INVALID_JSON = { errorMessages: ['There was an error parsing JSON. Check that your request body is valid.'] };

/** Jira's error body naming the spec violation. */
function violationBody(what: string, errors: string[]) {
  return { errorMessages: [`[local-jira] the ${what} breaks the Jira Cloud REST v3 spec:`, ...errors], errors: {} };
}

function errorResponse(c: Context<JiraEnv>, error: JiraError): Response {
  const status = contentfulStatus(error.status);
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  return typeof error.body === 'string' ? c.text(error.body, status) : c.json(error.body, status);
}
