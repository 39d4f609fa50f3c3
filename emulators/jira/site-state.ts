import { z } from 'zod';

/**
 * Everything the local Jira site knows, as it is written to `site.json`. It is parsed with
 * this schema whenever it is read back, because another process (the CLI, a second dev
 * server) may have written it.
 */

/** `atlassian-addons-project-access`: the role Jira puts every app's account in, in every project. */
export const PROJECT_ROLES = ['administrator', 'member', 'viewer', 'atlassian-addons-project-access'] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];

const user = z.object({
  accountId: z.string(),
  email: z.string(),
  displayName: z.string(),
  apiToken: z.string(),
  active: z.boolean(),
  /** Holds Jira's global "Administer Jira" permission: may add users, sees everything. */
  siteAdmin: z.boolean(),
  timeZone: z.string(),
  /**
   * The person hides their e-mail in their Atlassian profile: it is shown to nobody else
   * through the API. Sites saved before this existed read back with every e-mail shown.
   */
  emailHidden: z.boolean().default(false),
});

/**
 * What one issue type's screens hold in a project — Jira's screen scheme and field
 * configuration, flattened: the fields a create may set, those an edit may set, and those a
 * create must set. Field ids as the REST API names them (`duedate`, `customfield_10011`).
 */
const screens = z.object({ create: z.array(z.string()), edit: z.array(z.string()), required: z.array(z.string()) });

/** A workflow transition's screen: the fields it offers, and those it will not go without. */
const transitionScreen = z.object({ fields: z.array(z.string()), required: z.array(z.string()) });

const project = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  leadAccountId: z.string(),
  issueTypeIds: z.array(z.string()),
  nextIssueNumber: z.number().int(),
  /** Project roles by account id; a user with no role cannot even see the project. */
  roles: z.record(z.string(), z.enum(PROJECT_ROLES)),
  /** Permission keys a Jira admin removed from a role in this project's permission scheme. */
  revoked: z.partialRecord(z.enum(PROJECT_ROLES), z.array(z.string())).optional(),
  /** By issue type id; a type not named here has the default screens (`DEFAULT_SCREENS`). */
  screens: z.record(z.string(), screens).optional(),
  /** By the id of the status a transition goes to; a transition not named here has no screen. */
  transitionScreens: z.record(z.string(), transitionScreen).optional(),
  /** Project properties by key (absent until one is set). */
  properties: z.record(z.string(), z.unknown()).optional(),
});

/** A text custom field of the site (Epic Name on company-managed projects). */
const customField = z.object({ id: z.string(), name: z.string(), custom: z.string() });

const issueType = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  subtask: z.boolean(),
  hierarchyLevel: z.number().int(),
});

const status = z.object({
  id: z.string(),
  name: z.string(),
  category: z.enum(['new', 'indeterminate', 'done']),
  /** The issue types whose workflow has this status (a workflow scheme); every type when absent. */
  issueTypeIds: z.array(z.string()).optional(),
});

const linkType = z.object({ id: z.string(), name: z.string(), inward: z.string(), outward: z.string() });

const version = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  description: z.string().optional(),
  startDate: z.string().optional(),
  releaseDate: z.string().optional(),
  released: z.boolean(),
  archived: z.boolean(),
});

const comment = z.object({
  id: z.string(),
  authorId: z.string(),
  body: z.unknown(),
  created: z.string(),
  updated: z.string(),
});

/**
 * One entry of an issue's history: who changed which fields
 * when (`from`/`to` are ids, the strings what a person reads).
 */
const changeItem = z.object({
  field: z.string(),
  fieldId: z.string(),
  from: z.string().optional(),
  fromString: z.string().optional(),
  to: z.string().optional(),
  toString: z.string().optional(),
});
const changelogEntry = z.object({
  id: z.string(),
  authorId: z.string(),
  created: z.string(),
  items: z.array(changeItem),
});

const issue = z.object({
  id: z.string(),
  key: z.string(),
  projectId: z.string(),
  issueTypeId: z.string(),
  statusId: z.string(),
  summary: z.string(),
  description: z.unknown(),
  assigneeId: z.string().nullable(),
  reporterId: z.string(),
  duedate: z.string().nullable(),
  labels: z.array(z.string()),
  parentId: z.string().nullable(),
  fixVersionIds: z.array(z.string()),
  created: z.string(),
  updated: z.string(),
  properties: z.record(z.string(), z.unknown()),
  comments: z.array(comment),
  /** Sites saved before the emulator kept history read back with none. */
  changelog: z.array(changelogEntry).default([]),
  /** Custom field values and the resolution, by field id; absent when none was ever set. */
  fieldValues: z.record(z.string(), z.unknown()).optional(),
});

/** `source` is the issue the link type's outward phrase is said of: source "blocks" destination. */
const link = z.object({ id: z.string(), typeId: z.string(), sourceId: z.string(), destinationId: z.string() });

export const siteState = z.object({
  version: z.literal(1),
  nextId: z.number().int(),
  users: z.array(user),
  projects: z.array(project),
  issueTypes: z.array(issueType),
  statuses: z.array(status),
  linkTypes: z.array(linkType),
  versions: z.array(version),
  issues: z.array(issue),
  links: z.array(link),
  /** Absent on sites with none (and on sites saved before custom fields existed). */
  customFields: z.array(customField).optional(),
  // Sites saved before `appInstalled` carry an `indexedProperties` list: it is dropped on read,
  // as the index now comes with the app (app-index.ts), not with the data.
});

export type SiteState = z.infer<typeof siteState>;
export type User = z.infer<typeof user>;
export type Project = z.infer<typeof project>;
export type IssueType = z.infer<typeof issueType>;
export type Status = z.infer<typeof status>;
export type LinkType = z.infer<typeof linkType>;
export type Version = z.infer<typeof version>;
export type Screens = z.infer<typeof screens>;
export type TransitionScreen = z.infer<typeof transitionScreen>;
export type CustomField = z.infer<typeof customField>;
export type Issue = z.infer<typeof issue>;
export type Comment = z.infer<typeof comment>;
export type IssueLink = z.infer<typeof link>;
export type ChangeItem = z.infer<typeof changeItem>;

/** Hands out the next id; Jira's ids are numeric strings that start at 10000. */
export function nextId(state: SiteState): string {
  const id = state.nextId;
  state.nextId += 1;
  return String(id);
}
