import { Hono, type Context } from 'hono';
import type { JiraEnv } from '../context';
import { emptyJson } from '../empty-json';
import { checkProperty } from '../entity-properties';
import { forbidden, notFound } from '../jira-error';
import { browsableProject } from '../lookups';
import { hasProjectPermission } from '../permissions';
import { pathParam } from '../request-params';

/**
 * Project properties, as Jira Cloud keeps them: reading needs Browse Projects, setting or
 * deleting one Administer Projects (or Administer Jira: site admins hold every permission).
 */
export const projectPropertyRoutes = new Hono<JiraEnv>();

const missing = (key: string) => notFound(`The property with key '${key}' does not exist.`);

/** The project the caller may browse, and the property key in the path. */
function target(c: Context<JiraEnv>) {
  const project = browsableProject(c.var.site, c.var.actor, pathParam(c, 'projectIdOrKey'));
  return { project, key: pathParam(c, 'propertyKey'), properties: project.properties ?? {} };
}

/** The caller may administer the project, else Jira's 403. */
function administrable(c: Context<JiraEnv>, project: ReturnType<typeof target>['project']): void {
  if (!hasProjectPermission(c.var.actor, project, 'ADMINISTER_PROJECTS'))
    throw forbidden('You do not have permission to edit the properties of this project.');
}

/** GET /rest/api/3/project/{projectIdOrKey}/properties/{propertyKey} — `{ key, value }`, or 404. */
projectPropertyRoutes.get('/project/:projectIdOrKey/properties/:propertyKey', (c) => {
  const { key, properties } = target(c);
  if (!Object.hasOwn(properties, key)) throw missing(key);
  return c.json({ key, value: properties[key] });
});

/** PUT /rest/api/3/project/{projectIdOrKey}/properties/{propertyKey} — any JSON; 201 when new, 200 when replaced. */
projectPropertyRoutes.put('/project/:projectIdOrKey/properties/:propertyKey', (c) => {
  const { project, key, properties } = target(c);
  administrable(c, project);
  checkProperty(key, c.var.body);
  const existed = Object.hasOwn(properties, key);
  project.properties = { ...properties, [key]: c.var.body };
  return emptyJson(c, existed ? 200 : 201);
});

/** DELETE /rest/api/3/project/{projectIdOrKey}/properties/{propertyKey} — 204, or 404 when it is not there. */
projectPropertyRoutes.delete('/project/:projectIdOrKey/properties/:propertyKey', (c) => {
  const { project, key, properties } = target(c);
  administrable(c, project);
  if (!Object.hasOwn(properties, key)) throw missing(key);
  project.properties = Object.fromEntries(Object.entries(properties).filter(([name]) => name !== key));
  return c.body(null, 204);
});
