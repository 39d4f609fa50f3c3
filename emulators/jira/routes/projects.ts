import { Hono, type Context } from 'hono';
import type { JiraEnv } from '../context';
import { refOf } from '../issue-fields';
import { JiraError, badRequest, errorCollection, fieldErrors, notFound } from '../jira-error';
import { browsableProject, findProject } from '../lookups';
import { hasProjectPermission, screenFor } from '../permissions';
import { issueTypeJson, projectJson, versionJson } from '../render-meta';
import { pathParam, queryInt } from '../request-params';
import { createMetaFields } from '../screens';
import { nextId, type Project, type SiteState, type User, type Version } from '../site-state';

export const projectRoutes = new Hono<JiraEnv>();

/** GET /rest/api/3/project/{projectIdOrKey} — the project with its issue types and versions. */
projectRoutes.get('/project/:projectIdOrKey', (c) => {
  const project = browsableProject(c.var.site, c.var.actor, pathParam(c, 'projectIdOrKey'));
  return c.json(projectJson(c.var.base, c.var.site, project, c.var.actor));
});

/** The issue types the caller may create in the project: none without Create Issues. */
function creatableTypes(site: SiteState, actor: User, project: Project) {
  return hasProjectPermission(actor, project, 'CREATE_ISSUES')
    ? site.issueTypes.filter((t) => project.issueTypeIds.includes(t.id))
    : [];
}

/** createmeta's paging: `startAt`, `maxResults` (50 unless given, 200 at most). */
function createMetaPage(c: Context<JiraEnv>) {
  const startAt = queryInt(c, 'startAt', 0);
  const maxResults = queryInt(c, 'maxResults', 50);
  if (maxResults > 200)
    throw new JiraError(400, errorCollection(["Parameter 'maxResults' must not exceed the limit '200'"]));
  return { startAt, maxResults };
}

/** GET /rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes — the types one may create there. */
projectRoutes.get('/issue/createmeta/:projectIdOrKey/issuetypes', (c) => {
  const { site, actor, base } = c.var;
  const project = browsableProject(site, actor, pathParam(c, 'projectIdOrKey'));
  const types = creatableTypes(site, actor, project);
  const { startAt, maxResults } = createMetaPage(c);
  return c.json({
    maxResults,
    startAt,
    total: types.length,
    issueTypes: types.slice(startAt, startAt + maxResults).map((t) => issueTypeJson(base, t)),
  });
});

/**
 * GET /rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId} — the fields of
 * that type's create screen, each with `required`, a page at a time.
 */
projectRoutes.get('/issue/createmeta/:projectIdOrKey/issuetypes/:issueTypeId', (c) => {
  const { site, actor, base } = c.var;
  const project = browsableProject(site, actor, pathParam(c, 'projectIdOrKey'));
  const typeId = pathParam(c, 'issueTypeId');
  const issueType = creatableTypes(site, actor, project).find((t) => t.id === typeId);
  // The spec documents no 404 here: an unknown type is a bad request.
  if (!issueType)
    throw badRequest(`Issue type with id '${typeId}' does not exist or is not available in project '${project.key}'.`);
  const fields = createMetaFields(site, base, project, issueType, (ids) => screenFor(actor, project, ids));
  const { startAt, maxResults } = createMetaPage(c);
  return c.json({ maxResults, startAt, total: fields.length, fields: fields.slice(startAt, startAt + maxResults) });
});

/** GET /rest/api/3/issuetype/project?projectId= — the project's issue types. */
projectRoutes.get('/issuetype/project', (c) => {
  const project = browsableProject(c.var.site, c.var.actor, c.req.query('projectId') ?? '');
  const level = c.req.query('level');
  const types = c.var.site.issueTypes.filter(
    (t) => project.issueTypeIds.includes(t.id) && (level === undefined || String(t.hierarchyLevel) === level),
  );
  return c.json(types.map((t) => issueTypeJson(c.var.base, t)));
});

/** GET /rest/api/3/project/{projectIdOrKey}/versions — every version (the app's milestones). */
projectRoutes.get('/project/:projectIdOrKey/versions', (c) => {
  const project = browsableProject(c.var.site, c.var.actor, pathParam(c, 'projectIdOrKey'));
  return c.json(c.var.site.versions.filter((v) => v.projectId === project.id).map((v) => versionJson(c.var.base, v)));
});

/** POST /rest/api/3/version — creates a version; needs Administer Projects. */
projectRoutes.post('/version', (c) => {
  const { site, actor } = c.var;
  const body = refOf(c.var.body) ?? {};
  const ref = body.projectId ?? body.project;
  const project = ref === undefined ? undefined : findProject(site, String(ref));
  if (!project) throw fieldErrors({ project: 'Project must be specified to create a version.' });
  if (!hasProjectPermission(actor, project, 'ADMINISTER_PROJECTS'))
    throw notFound(`No project could be found with key '${project.key}'.`);
  const name = typeof body.name === 'string' ? body.name.trim() : '';
  if (name === '') throw fieldErrors({ name: 'You must specify a valid version name' });
  if (name.length > 255) throw fieldErrors({ name: 'The version name must not exceed 255 characters.' });
  if (site.versions.some((v) => v.projectId === project.id && v.name.toLowerCase() === name.toLowerCase())) {
    throw fieldErrors({ name: 'A version with this name already exists in this project.' });
  }
  const dates: Partial<Version> = {};
  for (const key of ['startDate', 'releaseDate'] as const) {
    const value = body[key];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))
      throw fieldErrors({ [key]: 'Please enter the date in the following format: yyyy-MM-dd' });
    dates[key] = value;
  }
  const version: Version = {
    id: nextId(site),
    projectId: project.id,
    name,
    released: body.released === true,
    archived: body.archived === true,
    ...dates,
    ...(typeof body.description === 'string' ? { description: body.description } : {}),
  };
  site.versions.push(version);
  return c.json(versionJson(c.var.base, version), 201);
});
