import type { Issue, IssueType, Project, Screens, SiteState, TransitionScreen } from './site-state';

/**
 * Screens: which fields a create, an edit or a transition may set in a project, and which it
 * must. Jira refuses a field that is not on the screen ("cannot be set. It is not on the
 * appropriate screen, or unknown.") and a required field left out ("Epic Name is required."),
 * and `createmeta` / `transitions?expand=transitions.fields` say so beforehand — all from here.
 */

/** The resolutions of a new Jira Cloud site, with their ids. */
export const RESOLUTIONS = [
  { id: '10000', name: 'Done', description: 'Work has been completed on this issue.' },
  { id: '10001', name: "Won't Do", description: "This issue won't be actioned." },
  { id: '10002', name: 'Duplicate', description: 'The problem is a duplicate of an existing issue.' },
] as const;

type JsonType = { type: string; system?: string; items?: string; custom?: string; customId?: number };
type FieldInfo = { name: string; schema: JsonType; operations: string[] };

const system =
  (name: string, type: string, operations: string[], items?: string) =>
  (id: string): FieldInfo => ({ name, schema: { type, ...(items ? { items } : {}), system: id }, operations });

/** The system fields the local site knows, as createmeta names and types them. */
const SYSTEM_FIELDS: Record<string, (id: string) => FieldInfo> = {
  issuetype: system('Issue Type', 'issuetype', []),
  project: system('Project', 'project', ['set']),
  summary: system('Summary', 'string', ['set']),
  description: system('Description', 'string', ['set']),
  assignee: system('Assignee', 'user', ['set']),
  duedate: system('Due date', 'date', ['set']),
  labels: system('Labels', 'array', ['add', 'set', 'remove'], 'string'),
  parent: system('Parent', 'issuelink', ['set']),
  fixVersions: system('Fix versions', 'array', ['set', 'add', 'remove'], 'version'),
  resolution: system('Resolution', 'resolution', ['set']),
};

/** A new project's screens: everything the local site stores, only the summary required. */
const STORED_FIELDS = ['summary', 'description', 'assignee', 'duedate', 'labels', 'parent', 'fixVersions'];
export const DEFAULT_SCREENS: Screens = { create: STORED_FIELDS, edit: STORED_FIELDS, required: ['summary'] };

/** A transition with no screen takes no fields (a comment aside). */
const NO_SCREEN: TransitionScreen = { fields: [], required: [] };

export function screensOf(project: Project, issueType: IssueType): Screens {
  return project.screens?.[issueType.id] ?? DEFAULT_SCREENS;
}

export function transitionScreenOf(project: Project, statusId: string): TransitionScreen | undefined {
  return project.transitionScreens?.[statusId];
}

export function transitionFieldsOf(project: Project, statusId: string): TransitionScreen {
  return transitionScreenOf(project, statusId) ?? NO_SCREEN;
}

/** A field's name and type, or undefined for a field id the site does not have. */
export function fieldInfo(site: SiteState, id: string): FieldInfo | undefined {
  const builtIn = SYSTEM_FIELDS[id];
  if (builtIn) return builtIn(id);
  const custom = site.customFields?.find((f) => f.id === id);
  return custom
    ? {
        name: custom.name,
        schema: { type: 'string', custom: custom.custom, customId: Number(id.replace('customfield_', '')) },
        operations: ['set'],
      }
    : undefined;
}

export const cannotBeSet = (id: string) =>
  `Field '${id}' cannot be set. It is not on the appropriate screen, or unknown.`;

/** Jira's words for a required field left empty on create: "Epic Name is required." */
export function requiredError(site: SiteState, id: string): string {
  return `${fieldInfo(site, id)?.name ?? id} is required.`;
}

/**
 * Whether a request (its `fields` and `update`) gives the field a value, or the issue already
 * has one: a transition screen shows a value already set, so Jira takes it.
 */
export function hasValue(id: string, fields: Record<string, unknown>, update: Record<string, unknown>, issue?: Issue) {
  const given = (value: unknown) =>
    value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
  if (given(fields[id]) || given(update[id])) return true;
  if (!issue) return false;
  const stored: Record<string, unknown> = {
    summary: issue.summary,
    description: issue.description,
    assignee: issue.assigneeId,
    duedate: issue.duedate,
    labels: issue.labels,
    parent: issue.parentId,
    fixVersions: issue.fixVersionIds,
    ...issue.fieldValues,
  };
  return given(stored[id]);
}

/** One field as createmeta and `transitions.fields` describe it. */
export function fieldMetaJson(site: SiteState, base: string, id: string, required: boolean) {
  const info = fieldInfo(site, id);
  if (!info) throw new Error(`the local site has no field ${id}`);
  return {
    required,
    schema: info.schema,
    name: info.name,
    key: id,
    hasDefaultValue: false,
    operations: info.operations,
    ...(id === 'resolution' ? { allowedValues: RESOLUTIONS.map((r) => resolutionJson(base, r)) } : {}),
  };
}

/** Every field of a create screen, `issuetype` and `project` first as Jira lists them; both always required. */
export function createMetaFields(
  site: SiteState,
  base: string,
  project: Project,
  issueType: IssueType,
  /** The caller's view of the create screen (permissions.ts `screenFor`): what they may set. */
  visible: (fields: readonly string[]) => string[],
) {
  const screen = screensOf(project, issueType);
  return ['issuetype', 'project', ...visible(screen.create)].map((id) => ({
    ...fieldMetaJson(site, base, id, id === 'issuetype' || id === 'project' || screen.required.includes(id)),
    fieldId: id,
  }));
}

export function resolutionJson(base: string, resolution: (typeof RESOLUTIONS)[number]) {
  return { self: `${base}/rest/api/3/resolution/${resolution.id}`, ...resolution };
}
