import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { loadValidator } from '../openapi/index.ts';
import { basicAuth } from './auth.ts';
import type { JiraEnv } from './context.ts';
import { findExamplePeople } from './example-people.ts';
import { DroppedConnection, createFaults } from './faults.ts';
import { JiraError } from './jira-error.ts';
import { jsonBody } from './json-body.ts';
import { resolveLocalJiraOptions, type LocalJiraOptions } from './options.ts';
import { browseRoutes } from './routes/browse.ts';
import { bulkRoutes } from './routes/bulk.ts';
import { commentRoutes } from './routes/comments.ts';
import { emulatorRoutes } from './routes/emulator.ts';
import { issueRoutes } from './routes/issues.ts';
import { linkRoutes } from './routes/links.ts';
import { myPermissionRoutes } from './routes/my-permissions.ts';
import { projectRoutes } from './routes/projects.ts';
import { propertyRoutes } from './routes/properties.ts';
import { searchRoutes } from './routes/search.ts';
import { transitionRoutes } from './routes/transitions.ts';
import { userRoutes } from './routes/users.ts';
import { seedSite } from './seed.ts';
import { specCheck, type Violation } from './spec-check.ts';
import { siteSession } from './site-session.ts';
import { openSiteStore } from './site-store.ts';
import { createStats } from './stats.ts';

/**
 * The local Jira as a Hono app, with no socket: `app.fetch` answers Requests in-process.
 * Every Jira request passes, in order: stats → faults → JSON body → spec check →
 * site (reload, then save) → Basic auth → the resource.
 */
export function createLocalJiraApp(input: LocalJiraOptions = {}) {
  const options = resolveLocalJiraOptions(input);
  const store = openSiteStore({ dataDir: options.dataDir, fresh: options.fresh, seed: () => seedSite(findExamplePeople(options.examplesDir)) });
  const faults = createFaults(options.faults);
  const stats = createStats();
  const violations: Violation[] = [];
  const validator = options.validate === 'off' ? undefined : loadValidator(options.specFile);

  const app = new Hono<JiraEnv>();
  app.route('/__emulator', emulatorRoutes({ faults, stats, violations: () => [...violations] }));
  app.use('/rest/*', stats.middleware, faults.middleware, jsonBody());
  if (validator) app.use('/rest/*', specCheck(validator, options.validate, (v) => violations.push(v)));
  app.use('/rest/*', siteSession(store), basicAuth());
  app.use('/browse/*', siteSession(store));
  for (const routes of [userRoutes, myPermissionRoutes, bulkRoutes, projectRoutes, issueRoutes, propertyRoutes, linkRoutes, commentRoutes, transitionRoutes, searchRoutes]) {
    app.route('/rest/api/3', routes);
  }
  app.route('/', browseRoutes);

  app.notFound((c) => c.json({
    type: 'about:blank', title: 'Not Found', status: 404,
    detail: `No endpoint ${c.req.method} ${c.req.path}. (The local Jira emulates the operations Handoff uses.)`, instance: c.req.path,
  }, 404, { 'Content-Type': 'application/problem+json;charset=UTF-8' }));
  app.onError((error, c) => {
    if (error instanceof DroppedConnection) throw error; // in-process, a dropped connection is a rejected fetch
    if (error instanceof JiraError) return errorResponse(c, error);
    console.error('[local-jira] unexpected error', error);
    return c.json({ errorMessages: [`[local-jira] internal error: ${error.message}`], errors: {} }, 500);
  });

  return { app, options, store, faults, stats, violations: () => [...violations] };
}

export type LocalJiraApp = ReturnType<typeof createLocalJiraApp>;

function errorResponse(c: Context<JiraEnv>, error: JiraError): Response {
  const status = isContentful(error.status) ? error.status : 500;
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  return typeof error.body === 'string' ? c.text(error.body, status) : c.json(error.body, status);
}

function isContentful(status: number): status is ContentfulStatusCode {
  return status >= 200 && status <= 599 && status !== 204 && status !== 205 && status !== 304;
}
