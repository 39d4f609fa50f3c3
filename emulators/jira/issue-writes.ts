import { isAdfDocument, isTooLong, TOO_LONG } from './adf';
import { checkProperty } from './entity-properties';
import { readFieldChanges, refOf } from './issue-fields';
import { JiraError, errorCollection, fieldErrors, forbidden } from './jira-error';
import { findProject, jiraTime } from './lookups';
import { hasProjectPermission, screenFor } from './permissions';
import { cannotBeSet, hasValue, requiredError, screensOf } from './screens';
import { nextId, type Issue, type Project, type SiteState, type User } from './site-state';

/**
 * Creating and editing issues: one place for the rules, shared by `POST /issue`,
 * `POST /issue/bulk` (per element), `PUT /issue/{key}` and transitions. Each throws a
 * JiraError that says what Jira would say; nothing is changed unless everything is valid.
 */

/** Creates an issue from an `IssueUpdateDetails` body. */
export function createIssue(site: SiteState, actor: User, body: unknown, now: Date): Issue {
  const request = refOf(body);
  const fields = refOf(request?.fields);
  if (!request || !fields || Object.keys(fields).length === 0)
    throw new JiraError(400, errorCollection(['No Issue Create payload supplied']));

  const projectRef = refOf(fields.project);
  const project = projectRef && findProject(site, String(projectRef.id ?? projectRef.key ?? ''));
  if (!project || !hasProjectPermission(actor, project, 'BROWSE_PROJECTS'))
    throw fieldErrors({ project: 'Specify a valid project ID or key' });
  if (!hasProjectPermission(actor, project, 'CREATE_ISSUES'))
    throw forbidden('You do not have permission to create issues in this project.');

  const typeRef = refOf(fields.issuetype);
  const issueType =
    typeRef &&
    site.issueTypes.find(
      (t) => project.issueTypeIds.includes(t.id) && (t.id === typeRef.id || t.name === typeRef.name),
    );
  if (!issueType)
    throw fieldErrors({ issuetype: typeRef ? 'The issue type selected is invalid.' : 'Specify an issue type' });

  const screen = screensOf(project, issueType);
  const update = refOf(request.update) ?? {};
  const create = screenFor(actor, project, screen.create);
  const { changes, errors } = readFieldChanges({ site, project, issueType, screen: create }, fields, update);
  if (changes.summary === undefined && errors.summary === undefined)
    errors.summary = 'You must specify a summary of the issue.';
  for (const id of screen.required)
    if (errors[id] === undefined && !hasValue(id, fields, update)) errors[id] = requiredError(site, id);
  if (issueType.subtask && !changes.parentId && errors.parent === undefined)
    errors.parent = 'A sub-task must have a parent issue.';
  if (Object.keys(errors).length > 0) throw fieldErrors(errors);
  const properties = readProperties(request.properties);

  const stamp = jiraTime(now);
  const issue: Issue = {
    id: nextId(site),
    key: `${project.key}-${project.nextIssueNumber}`,
    projectId: project.id,
    issueTypeId: issueType.id,
    statusId: initialStatusId(site),
    summary: changes.summary ?? '',
    description: changes.description ?? null,
    assigneeId: changes.assigneeId ?? null,
    reporterId: actor.accountId,
    duedate: changes.duedate ?? null,
    labels: changes.labels ?? [],
    parentId: changes.parentId ?? null,
    fixVersionIds: changes.fixVersionIds ?? [],
    ...(changes.fieldValues ? { fieldValues: changes.fieldValues } : {}),
    created: stamp,
    updated: stamp,
    properties,
    comments: [],
    changelog: [],
  };
  project.nextIssueNumber += 1;
  site.issues.push(issue);
  return issue;
}

/**
 * Applies an edit (`fields` and `update`) to an issue the caller may browse. `screen`: the
 * fields it may set — the issue type's edit screen unless a transition's screen says otherwise.
 */
export function editIssue(
  site: SiteState,
  actor: User,
  issue: Issue,
  project: Project,
  body: unknown,
  now: Date,
  screen?: readonly string[],
): void {
  if (!hasProjectPermission(actor, project, 'EDIT_ISSUES'))
    throw forbidden('You do not have permission to edit issues in this project.');
  const request = refOf(body);
  if (!request)
    throw new JiraError(
      400,
      errorCollection(['Invalid request payload. Refer to the REST API documentation and try again.']),
    );
  const fields = refOf(request.fields) ?? {};
  const issueType = site.issueTypes.find((t) => t.id === issue.issueTypeId);
  if (!issueType) throw new Error(`issue ${issue.key} has no issue type`);
  const fixed = ['project', 'issuetype'].filter((name) => Object.hasOwn(fields, name));
  const { comment: commentOperations, ...update } = refOf(request.update) ?? {};
  const { changes, errors } = readFieldChanges(
    {
      site,
      project,
      issueType,
      issue,
      screen: screenFor(actor, project, screen ?? screensOf(project, issueType).edit),
    },
    fields,
    update,
  );
  for (const name of fixed) errors[name] = cannotBeSet(name);
  const comments = readCommentAdds(commentOperations);
  if (typeof comments === 'string') errors.comment = comments;
  if (Object.keys(errors).length > 0 || typeof comments === 'string') throw fieldErrors(errors);
  if (comments.length > 0 && !hasProjectPermission(actor, project, 'ADD_COMMENTS'))
    throw forbidden('You do not have the permission to comment on this issue.');
  const properties = readProperties(request.properties);
  const stamp = jiraTime(now);
  Object.assign(issue, changes, { updated: stamp, properties: { ...issue.properties, ...properties } });
  for (const body of comments)
    issue.comments.push({ id: nextId(site), authorId: actor.accountId, body, created: stamp, updated: stamp });
}

/**
 * `update.comment: [{ add: { body: ADF } }]` — Jira adds comments along with an edit or a
 * transition, in the same request. Returns the bodies, or the error Jira gives the field.
 */
function readCommentAdds(value: unknown): unknown[] | string {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return 'data was not an array';
  const bodies: unknown[] = [];
  for (const operation of value) {
    const add = refOf(refOf(operation)?.add);
    if (!add) return "Field 'comment' has an invalid operation.";
    if (!isAdfDocument(add.body)) return 'Comment body is not valid!';
    if (isTooLong(add.body)) return TOO_LONG;
    bodies.push(add.body);
  }
  return bodies;
}

/** Inline `properties: [{ key, value }]` of a create or edit. */
function readProperties(value: unknown): Record<string, unknown> {
  if (value === undefined) return {};
  if (!Array.isArray(value))
    throw new JiraError(
      400,
      errorCollection(['Invalid request payload. Refer to the REST API documentation and try again.']),
    );
  const properties: Record<string, unknown> = {};
  for (const item of value) {
    const property = refOf(item);
    const key = typeof property?.key === 'string' ? property.key : '';
    checkProperty(key, property?.value);
    properties[key] = property?.value;
  }
  return properties;
}

/** New issues start in the workflow's first status: the first of category "new". */
function initialStatusId(site: SiteState): string {
  const status = site.statuses.find((s) => s.category === 'new') ?? site.statuses[0];
  if (!status) throw new Error('the site has no statuses');
  return status.id;
}
