import { Hono } from 'hono';
import { recordChanges, snapshot } from '../changelog';
import type { JiraEnv } from '../context';
import { selectFields, selectProperties } from '../field-selection';
import { readFieldChanges, refOf } from '../issue-fields';
import { createIssue, editIssue } from '../issue-writes';
import { badRequest, fieldErrors, forbidden } from '../jira-error';
import { browsableIssue, jiraTime } from '../lookups';
import { hasProjectPermission } from '../permissions';
import { issueJson } from '../render-issue';
import { pathParam, queryList } from '../request-params';

export const issueRoutes = new Hono<JiraEnv>();

/** POST /rest/api/3/issue — creates one issue; 201 with its id, key and self. */
issueRoutes.post('/issue', (c) => {
  const issue = createIssue(c.var.site, c.var.actor, c.var.body, new Date(c.var.clock.now()));
  return c.json({ id: issue.id, key: issue.key, self: `${c.var.base}/rest/api/3/issue/${issue.id}` }, 201);
});

/** GET /rest/api/3/issue/{issueIdOrKey}?fields=&properties= — all fields unless narrowed. */
issueRoutes.get('/issue/:issueIdOrKey', (c) => {
  const { issue } = browsableIssue(c.var.site, c.var.actor, pathParam(c, 'issueIdOrKey'));
  const view = {
    fields: selectFields(queryList(c, 'fields'), '*all'),
    properties: selectProperties(queryList(c, 'properties')),
    viewer: c.var.actor,
  };
  return c.json(issueJson(c.var.site, c.var.base, issue, view));
});

/** PUT /rest/api/3/issue/{issueIdOrKey} — edits fields; 204, or 200 with the issue when `returnIssue=true`. */
issueRoutes.put('/issue/:issueIdOrKey', (c) => {
  const { site, actor, base } = c.var;
  const { issue, project } = browsableIssue(site, actor, pathParam(c, 'issueIdOrKey'));
  const before = snapshot(issue);
  const now = new Date(c.var.clock.now());
  editIssue(site, actor, issue, project, c.var.body, now);
  recordChanges(site, issue, before, actor, now);
  if (c.req.query('returnIssue') === 'true') {
    return c.json(
      issueJson(site, base, issue, { fields: selectFields(undefined, '*all'), properties: [], viewer: actor }),
      200,
    );
  }
  return c.body(null, 204);
});

/** PUT /rest/api/3/issue/{issueIdOrKey}/assignee — `{ accountId }`, null to unassign, "-1" for automatic. */
issueRoutes.put('/issue/:issueIdOrKey/assignee', (c) => {
  const { site, actor } = c.var;
  const { issue, project } = browsableIssue(site, actor, pathParam(c, 'issueIdOrKey'));
  if (!hasProjectPermission(actor, project, 'ASSIGN_ISSUES'))
    throw forbidden('You do not have permission to assign issues.');
  const issueType = site.issueTypes.find((t) => t.id === issue.issueTypeId);
  if (!issueType) throw new Error(`issue ${issue.key} has no issue type`);
  const { changes, errors } = readFieldChanges(
    // Assigning is its own operation, screen or no screen: the Assign Issues permission decides.
    { site, project, issueType, issue, screen: ['assignee'] },
    { assignee: refOf(c.var.body) ?? null },
    {},
  );
  if (errors.assignee) throw fieldErrors({ assignee: errors.assignee });
  const before = snapshot(issue);
  const now = new Date(c.var.clock.now());
  Object.assign(issue, changes, { updated: jiraTime(now) });
  recordChanges(site, issue, before, actor, now);
  return c.body(null, 204);
});

/**
 * DELETE /rest/api/3/issue/{issueIdOrKey}[?deleteSubtasks=true] — the issue goes, with its
 * links; 204. Jira refuses (400) an issue with subtasks unless they go too; an Epic's
 * children stay, without a parent. The live test suite cleans up with it.
 */
issueRoutes.delete('/issue/:issueIdOrKey', (c) => {
  const { site, actor } = c.var;
  const { issue, project } = browsableIssue(site, actor, pathParam(c, 'issueIdOrKey'));
  if (!hasProjectPermission(actor, project, 'DELETE_ISSUES'))
    throw forbidden('You do not have permission to delete issues in this project.');
  const subtasks = site.issues.filter(
    (other) => other.parentId === issue.id && site.issueTypes.some((t) => t.id === other.issueTypeId && t.subtask),
  );
  if (subtasks.length > 0 && c.req.query('deleteSubtasks') !== 'true')
    throw badRequest(
      `The issue '${issue.key}' has subtasks. You must specify the ` +
        `'deleteSubtasks' parameter to delete this issue and all its subtasks.`,
    );
  const gone = new Set([issue.id, ...subtasks.map((s) => s.id)]);
  site.issues = site.issues.filter((other) => !gone.has(other.id));
  site.links = site.links.filter((l) => !gone.has(l.sourceId) && !gone.has(l.destinationId));
  for (const other of site.issues) if (other.parentId !== null && gone.has(other.parentId)) other.parentId = null;
  return c.body(null, 204);
});
