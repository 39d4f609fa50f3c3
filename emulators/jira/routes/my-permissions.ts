import { Hono } from 'hono';
import type { JiraEnv } from '../context';
import { JiraError, badRequest, errorCollection, notFound } from '../jira-error';
import { findIssue, findProject, projectOf } from '../lookups';
import { PERMISSIONS, hasPermission, hasProjectPermission, isPermissionKey } from '../permissions';
import { queryList } from '../request-params';
import type { Project } from '../site-state';

export const myPermissionRoutes = new Hono<JiraEnv>();

/**
 * GET /rest/api/3/mypermissions?projectKey=&permissions= — what the caller may do, in a
 * project or issue context, or globally (a project permission held in any project counts).
 */
myPermissionRoutes.get('/mypermissions', (c) => {
  const { site, actor } = c.var;
  const keys = queryList(c, 'permissions') ?? [];
  if (keys.length === 0) throw badRequest("The 'permissions' query parameter is required.");
  const unknown = keys.filter((key) => !isPermissionKey(key));
  if (unknown.length > 0)
    throw new JiraError(
      400,
      errorCollection([], Object.fromEntries(unknown.map((key) => [key, 'Unrecognized permission']))),
    );

  const context = contextProject(
    c.var.site,
    c.req.query('projectKey') ?? c.req.query('projectId'),
    c.req.query('issueKey') ?? c.req.query('issueId'),
  );
  if (context && !hasProjectPermission(actor, context, 'BROWSE_PROJECTS'))
    throw notFound('Could not find project with provided key.');

  const permissions = Object.fromEntries(
    keys.filter(isPermissionKey).map((key) => {
      const info = PERMISSIONS[key];
      const have =
        context && info.type === 'PROJECT'
          ? hasProjectPermission(actor, context, key)
          : hasPermission(actor, key, site.projects);
      return [
        key,
        { id: info.id, key, name: info.name, type: info.type, description: info.description, havePermission: have },
      ];
    }),
  );
  return c.json({ permissions });
});

function contextProject(
  site: JiraEnv['Variables']['site'],
  project: string | undefined,
  issue: string | undefined,
): Project | undefined {
  if (issue !== undefined) {
    const found = findIssue(site, issue);
    if (!found) throw notFound('Could not find issue with provided key or id.');
    return projectOf(site, found);
  }
  if (project === undefined) return undefined;
  const found = findProject(site, project);
  if (!found) throw notFound('Could not find project with provided key.');
  return found;
}
