import { Hono } from 'hono';
import { recordChanges, snapshot } from '../changelog';
import type { JiraEnv } from '../context';
import { refOf } from '../issue-fields';
import { editIssue } from '../issue-writes';
import { JiraError, badRequest, errorCollection } from '../jira-error';
import { browsableIssue, jiraTime } from '../lookups';
import { hasProjectPermission } from '../permissions';
import { statusJson } from '../render-meta';
import { pathParam, queryList } from '../request-params';
import { fieldInfo, fieldMetaJson, hasValue, transitionFieldsOf, transitionScreenOf } from '../screens';
import type { Issue, SiteState, Status } from '../site-state';

export const transitionRoutes = new Hono<JiraEnv>();

/**
 * The workflow is one global transition into each status ("any → any"), named after it
 * and numbered 11, 21, 31, … in status order, as Jira numbers a simplified workflow's
 * transitions. The issue's own status is not offered, nor a status of another issue type's
 * workflow (the workflow scheme: "Approved" belongs to change requests).
 */
function transitionsOf(site: SiteState, issue: Issue): Array<{ id: string; status: Status }> {
  return site.statuses
    .map((status, i) => ({ id: String(11 + i * 10), status }))
    .filter((t) => t.status.id !== issue.statusId && (t.status.issueTypeIds?.includes(issue.issueTypeId) ?? true));
}

/**
 * GET /rest/api/3/issue/{issueIdOrKey}/transitions — what the issue can move to; with
 * `expand=transitions.fields`, each transition's screen fields and whether they are required.
 */
transitionRoutes.get('/issue/:issueIdOrKey/transitions', (c) => {
  const { site, actor, base } = c.var;
  const { issue, project } = browsableIssue(site, actor, pathParam(c, 'issueIdOrKey'));
  const only = c.req.query('transitionId');
  const withFields = (queryList(c, 'expand') ?? []).includes('transitions.fields');
  const fieldsOf = (statusId: string) => {
    const screen = transitionFieldsOf(project, statusId);
    return Object.fromEntries(
      screen.fields.map((id) => [id, fieldMetaJson(site, base, id, screen.required.includes(id))]),
    );
  };
  const offered = hasProjectPermission(actor, project, 'TRANSITION_ISSUES') ? transitionsOf(site, issue) : [];
  return c.json({
    expand: 'transitions',
    transitions: offered
      .filter((t) => only === undefined || t.id === only)
      .map((t) => ({
        id: t.id,
        name: t.status.name,
        to: statusJson(base, t.status),
        hasScreen: transitionScreenOf(project, t.status.id) !== undefined,
        isGlobal: true,
        isInitial: false,
        isAvailable: true,
        isConditional: false,
        isLooped: false,
        ...(withFields ? { fields: fieldsOf(t.status.id) } : {}),
      })),
  });
});

/** POST /rest/api/3/issue/{issueIdOrKey}/transitions — `{ transition: { id } }`, optional `fields`; 204. */
transitionRoutes.post('/issue/:issueIdOrKey/transitions', (c) => {
  const { site, actor } = c.var;
  const { issue, project } = browsableIssue(site, actor, pathParam(c, 'issueIdOrKey'));
  const body = refOf(c.var.body) ?? {};
  const id = refOf(body.transition)?.id;
  if (id === undefined) throw badRequest("Missing 'transition' identifier");
  if (!hasProjectPermission(actor, project, 'TRANSITION_ISSUES'))
    throw badRequest('You do not have permission to transition this issue.');
  const transition = transitionsOf(site, issue).find((t) => t.id === String(id));
  if (!transition) throw badRequest(`Transition id '${String(id)}' is not valid for this issue.`);
  const screen = transitionFieldsOf(project, transition.status.id);
  // Jira's workflow validator words it this way, in `errorMessages`: "Field Resolution is required."
  const missing = screen.required.filter(
    (field) => !hasValue(field, refOf(body.fields) ?? {}, refOf(body.update) ?? {}, issue),
  );
  if (missing.length > 0)
    throw new JiraError(
      400,
      errorCollection(missing.map((field) => `Field ${fieldInfo(site, field)?.name ?? field} is required.`)),
    );
  const before = snapshot(issue);
  const now = new Date(c.var.clock.now());
  if (body.fields !== undefined || body.update !== undefined)
    editIssue(site, actor, issue, project, { fields: body.fields, update: body.update }, now, screen.fields);
  issue.statusId = transition.status.id;
  issue.updated = jiraTime(now);
  recordChanges(site, issue, before, actor, now);
  return c.body(null, 204);
});
