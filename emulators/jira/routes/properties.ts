import { Hono } from 'hono';
import type { JiraEnv } from '../context';
import { emptyJson } from '../empty-json';
import { checkProperty } from '../entity-properties';
import { forbidden, notFound } from '../jira-error';
import { browsableIssue, jiraTime } from '../lookups';
import { hasProjectPermission } from '../permissions';
import { pathParam } from '../request-params';

export const propertyRoutes = new Hono<JiraEnv>();

const missing = (key: string) => notFound(`The property with key '${key}' does not exist.`);

/** GET /rest/api/3/issue/{issueIdOrKey}/properties — the keys of the issue's properties. */
propertyRoutes.get('/issue/:issueIdOrKey/properties', (c) => {
  const { issue } = browsableIssue(c.var.site, c.var.actor, pathParam(c, 'issueIdOrKey'));
  const self = (key: string) => `${c.var.base}/rest/api/3/issue/${issue.id}/properties/${encodeURIComponent(key)}`;
  return c.json({ keys: Object.keys(issue.properties).map((key) => ({ key, self: self(key) })) });
});

/** GET /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey} — `{ key, value }`. */
propertyRoutes.get('/issue/:issueIdOrKey/properties/:propertyKey', (c) => {
  const { issue } = browsableIssue(c.var.site, c.var.actor, pathParam(c, 'issueIdOrKey'));
  const key = pathParam(c, 'propertyKey');
  if (!Object.hasOwn(issue.properties, key)) throw missing(key);
  return c.json({ key, value: issue.properties[key] });
});

/** PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey} — any JSON; 201 when new, 200 when replaced. */
propertyRoutes.put('/issue/:issueIdOrKey/properties/:propertyKey', (c) => {
  const { site, actor } = c.var;
  const { issue, project } = browsableIssue(site, actor, pathParam(c, 'issueIdOrKey'));
  if (!hasProjectPermission(actor, project, 'EDIT_ISSUES'))
    throw forbidden('You do not have permission to edit this issue.');
  const key = pathParam(c, 'propertyKey');
  checkProperty(key, c.var.body);
  const existed = Object.hasOwn(issue.properties, key);
  issue.properties[key] = c.var.body;
  issue.updated = jiraTime(new Date(c.var.clock.now()));
  return emptyJson(c, existed ? 200 : 201);
});

/** DELETE /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey} — 204; the spec has no 403, so refusals are 404. */
propertyRoutes.delete('/issue/:issueIdOrKey/properties/:propertyKey', (c) => {
  const { site, actor } = c.var;
  const { issue, project } = browsableIssue(site, actor, pathParam(c, 'issueIdOrKey'));
  const key = pathParam(c, 'propertyKey');
  if (!Object.hasOwn(issue.properties, key) || !hasProjectPermission(actor, project, 'EDIT_ISSUES')) throw missing(key);
  delete issue.properties[key];
  issue.updated = jiraTime(new Date(c.var.clock.now()));
  return c.body(null, 204);
});
