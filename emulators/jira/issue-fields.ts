import { isAdfDocument, isTooLong, TOO_LONG } from './adf';
import { findIssue, findUser } from './lookups';
import { hasProjectPermission } from './permissions';
import { RESOLUTIONS, cannotBeSet } from './screens';
import type { Issue, IssueType, Project, SiteState } from './site-state';

/** The stored values a create or edit may change. */
export type FieldChanges = Partial<
  Pick<
    Issue,
    'summary' | 'description' | 'assigneeId' | 'duedate' | 'labels' | 'parentId' | 'fixVersionIds' | 'fieldValues'
  >
>;

/** `screen`: the field ids this request may set (the create, edit or transition screen). */
export type FieldContext = {
  site: SiteState;
  project: Project;
  issueType: IssueType;
  issue?: Issue;
  screen: readonly string[];
};

type Outcome = { changes: FieldChanges } | { error: string };

const ADF_ERROR = 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';

/** One reader per settable field: Jira's checks, Jira's sentences. */
const READERS: Record<string, (value: unknown, ctx: FieldContext) => Outcome> = {
  summary(value) {
    if (typeof value !== 'string' || value.trim() === '') return { error: 'You must specify a summary of the issue.' };
    if (value.length > 255) return { error: 'Summary must be less than 255 characters.' };
    if (/[\r\n]/.test(value)) return { error: 'The summary is invalid because it contains newline characters.' };
    return { changes: { summary: value } };
  },
  description(value) {
    if (value !== null && !isAdfDocument(value)) return { error: ADF_ERROR };
    return isTooLong(value) ? { error: TOO_LONG } : { changes: { description: value } };
  },
  assignee(value, { site, project }) {
    if (value === null) return { changes: { assigneeId: null } };
    const ref = refOf(value);
    if (!ref || !('accountId' in ref)) return { error: "Could not find valid 'accountId' in the request." };
    const accountId = ref.accountId;
    // "automatic": unassigned here
    if (accountId === '-1' || accountId === null) return { changes: { assigneeId: null } };
    if (typeof accountId !== 'string') return { error: "Could not find valid 'accountId' in the request." };
    const user = findUser(site, accountId);
    if (!user || !hasProjectPermission(user, project, 'ASSIGNABLE_USER'))
      return { error: `User '${accountId}' cannot be assigned issues.` };
    return { changes: { assigneeId: accountId } };
  },
  duedate(value) {
    if (value === null) return { changes: { duedate: null } };
    return typeof value === 'string' && isCalendarDate(value)
      ? { changes: { duedate: value } }
      : { error: `Error parsing date string: ${String(value)}` };
  },
  labels(value) {
    if (!Array.isArray(value)) return { error: 'data was not an array' };
    const problem = value.map(labelProblem).find((p) => p !== undefined);
    return problem ? { error: problem } : { changes: { labels: [...new Set(value.map(String))] } };
  },
  parent(value, ctx) {
    if (value === null) return { changes: { parentId: null } };
    const ref = refOf(value);
    const parent = ref && findIssue(ctx.site, typeof ref.id === 'string' ? ref.id : String(ref.key ?? ''));
    if (!parent) return { error: 'Could not find issue by id or key.' };
    const problem = hierarchyProblem(ctx, parent);
    return problem ? { error: problem } : { changes: { parentId: parent.id } };
  },
  fixVersions(value, { site, project }) {
    if (!Array.isArray(value)) return { error: 'data was not an array' };
    const ids: string[] = [];
    for (const item of value) {
      const ref = refOf(item);
      const version = site.versions.find(
        (v) => v.projectId === project.id && (v.id === ref?.id || v.name === ref?.name),
      );
      if (!version)
        return {
          error:
            typeof ref?.name === 'string'
              ? `Version name '${ref.name}' is not valid`
              : `Version id '${String(ref?.id)}' is not valid`,
        };
      ids.push(version.id);
    }
    return { changes: { fixVersionIds: [...new Set(ids)] } };
  },
  resolution(value) {
    if (value === null) return { changes: { fieldValues: { resolution: null } } };
    const ref = refOf(value);
    const resolution = RESOLUTIONS.find((r) => r.id === ref?.id || r.name === ref?.name);
    return resolution
      ? { changes: { fieldValues: { resolution: resolution.id } } }
      : { error: "Could not find valid 'id' or 'name' in resolution object." };
  },
};

/** A text custom field of the site (Epic Name), or undefined when `name` is none. */
function customReader(site: SiteState, name: string): ((value: unknown) => Outcome) | undefined {
  if (!site.customFields?.some((f) => f.id === name)) return undefined;
  return (value) =>
    value === null || typeof value === 'string'
      ? { changes: { fieldValues: { [name]: value } } }
      : { error: 'Operation value must be a string' };
}

/**
 * Reads `fields` (set) and `update` (set/add/remove operations) of a create or edit
 * request into changes, collecting one error per field as Jira does; a field not on the
 * context's screen cannot be set. `project` and `issuetype` are the caller's business: they
 * decide the context.
 */
export function readFieldChanges(
  ctx: FieldContext,
  fields: Record<string, unknown>,
  update: Record<string, unknown>,
): { changes: FieldChanges; errors: Record<string, string> } {
  const changes: FieldChanges = {};
  const errors: Record<string, string> = {};
  const apply = (name: string, value: unknown) => {
    const reader = ctx.screen.includes(name) ? (READERS[name] ?? customReader(ctx.site, name)) : undefined;
    const outcome: Outcome = reader ? reader(value, ctx) : { error: cannotBeSet(name) };
    if ('error' in outcome) errors[name] = outcome.error;
    else {
      // Custom fields and the resolution share one map: each adds to what is there.
      const fieldValues = outcome.changes.fieldValues && {
        ...(changes.fieldValues ?? ctx.issue?.fieldValues),
        ...outcome.changes.fieldValues,
      };
      Object.assign(changes, outcome.changes, fieldValues ? { fieldValues } : {});
    }
  };
  for (const [name, value] of Object.entries(fields)) {
    if (name !== 'project' && name !== 'issuetype') apply(name, value);
  }
  for (const [name, operations] of Object.entries(update)) {
    if (Object.hasOwn(fields, name)) {
      errors[name] = `Field '${name}' cannot be set in both 'fields' and 'update'.`;
      continue;
    }
    if (!Array.isArray(operations)) {
      errors[name] = 'data was not an array';
      continue;
    }
    for (const operation of operations) {
      const next = applyOperation(name, operation, current(ctx, changes, name));
      if (typeof next === 'string') errors[name] = next;
      else apply(name, next.value);
    }
  }
  return { changes, errors };
}

/** `{ set: v }`, or `{ add: v }` / `{ remove: v }` on the list fields. */
function applyOperation(name: string, operation: unknown, list: unknown[]): { value: unknown } | string {
  const op = refOf(operation);
  if (!op) return `Field '${name}' has an invalid operation.`;
  if ('set' in op) return { value: op.set };
  if (name !== 'labels' && name !== 'fixVersions') return cannotBeSet(name);
  // Labels are text; versions are `{ id }` or `{ name }`, either naming the same version.
  const identity = (item: unknown) => (typeof item === 'string' ? item : String(refOf(item)?.id ?? refOf(item)?.name));
  const same = (a: unknown, b: unknown) => identity(a) === identity(b);
  if ('add' in op) return { value: [...list, op.add] };
  if ('remove' in op) return { value: list.filter((item) => !same(item, op.remove)) };
  return `Field '${name}' has an invalid operation.`;
}

/** The list a field holds before this request's operations, in request form. */
function current(ctx: FieldContext, changes: FieldChanges, name: string): unknown[] {
  if (name === 'labels') return changes.labels ?? ctx.issue?.labels ?? [];
  if (name === 'fixVersions') return (changes.fixVersionIds ?? ctx.issue?.fixVersionIds ?? []).map((id) => ({ id }));
  return [];
}

/** A parent must be one hierarchy level up; a sub-task's parent must be in its project. */
function hierarchyProblem(ctx: FieldContext, parent: Issue): string | undefined {
  const parentType = ctx.site.issueTypes.find((t) => t.id === parent.issueTypeId);
  if (parent.id === ctx.issue?.id || parentType?.hierarchyLevel !== ctx.issueType.hierarchyLevel + 1) {
    return 'Given parent issue does not belong to appropriate hierarchy.';
  }
  if (ctx.issueType.subtask && parent.projectId !== ctx.project.id)
    return 'Sub-tasks must be created in the same project as the parent.';
  return undefined;
}

function labelProblem(label: unknown): string | undefined {
  if (typeof label !== 'string' || label === '') return 'Labels must be non-empty text.';
  if (/\s/.test(label)) return `The label '${label}' contains spaces which is invalid.`;
  if (label.length > 255)
    return `The label '${label}' exceeds the maximum length for a single label of 255 characters.`;
  return undefined;
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** An object's own properties, or undefined for anything that is not a plain object. */
export function refOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value))
    : undefined;
}
