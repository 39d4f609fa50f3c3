import { z } from 'zod';

/**
 * Everything the local Asana knows, as it is written to `asana.json`. It is parsed with this
 * schema whenever it is read back, because another process may have written it. Gids are
 * numeric strings from one counter, as Asana's are globally unique across object types.
 */

const gid = z.string().regex(/^\d+$/);

const user = z.object({
  gid,
  email: z.string(),
  name: z.string(),
  personalAccessToken: z.string(),
  oauthToken: z.string(),
});

/**
 * `premium`: paid features (task dependencies, task search) answer 402 Payment Required without it.
 * `isOrganization`: a company's workspace, whose projects each belong to a team; files written
 * before organizations existed here (version 1) hold plain workspaces.
 */
const workspace = z.object({
  gid,
  name: z.string(),
  premium: z.boolean(),
  isOrganization: z.boolean().default(false),
  memberGids: z.array(gid),
});

/** A team of an organization: its projects are shared with its members. */
const team = z.object({ gid, workspaceGid: gid, name: z.string(), memberGids: z.array(gid) });

const project = z.object({
  gid,
  workspaceGid: gid,
  /** Set in an organization (every project there has one), null in a plain workspace. */
  teamGid: gid.nullable().default(null),
  name: z.string(),
  notes: z.string(),
  htmlNotes: z.string(),
  color: z.string().nullable(),
  archived: z.boolean(),
  ownerGid: gid.nullable(),
  dueOn: z.string().nullable(),
  startOn: z.string().nullable(),
  defaultView: z.enum(['list', 'board', 'calendar', 'timeline']),
  memberGids: z.array(gid),
  followerGids: z.array(gid),
  createdAt: z.string(),
  modifiedAt: z.string(),
});

/** Sections are ordered as listed; every project has at least one. */
const section = z.object({ gid, projectGid: gid, name: z.string(), createdAt: z.string() });

/** App-specific data: one entry per kind of token that wrote it (see `external-data.ts`). */
const external = z.object({ gid: z.string().optional(), data: z.string().optional() });

const task = z.object({
  gid,
  workspaceGid: gid,
  name: z.string(),
  resourceSubtype: z.enum(['default_task', 'milestone', 'approval']),
  notes: z.string(),
  htmlNotes: z.string(),
  completed: z.boolean(),
  completedAt: z.string().nullable(),
  completedByGid: gid.nullable(),
  assigneeGid: gid.nullable(),
  dueOn: z.string().nullable(),
  dueAt: z.string().nullable(),
  startOn: z.string().nullable(),
  parentGid: gid.nullable(),
  memberships: z.array(z.object({ projectGid: gid, sectionGid: gid })),
  dependencyGids: z.array(gid),
  followerGids: z.array(gid),
  external: z.object({ oauth: external.optional(), pat: external.optional() }),
  createdByGid: gid,
  createdAt: z.string(),
  modifiedAt: z.string(),
});

/** A comment (`comment_added`) or a story Asana writes itself when a task changes. */
const story = z.object({
  gid,
  taskGid: gid,
  createdByGid: gid,
  createdAt: z.string(),
  resourceSubtype: z.string(),
  text: z.string(),
  htmlText: z.string().nullable(),
});

/** A webhook's filter (WebhookFilter), kept as Asana's snake_case fields. */
const webhookFilter = z.object({
  resource_type: z.string().optional(),
  resource_subtype: z.string().optional(),
  action: z.string().optional(),
  fields: z.array(z.string()).optional(),
});

/**
 * A webhook that passed its handshake: the secret its deliveries are signed with, the events
 * waiting to be delivered (its outbox, kept here so a restart delivers them still: at least once),
 * and how delivery has gone, as Asana shows it.
 */
const webhook = z.object({
  gid,
  workspaceGid: gid,
  resourceGid: gid,
  resourceKind: z.enum(['project', 'task']),
  target: z.string(),
  secret: z.string(),
  filters: z.array(webhookFilter),
  createdByGid: gid,
  createdAt: z.string(),
  lastSuccessAt: z.string().nullable(),
  lastFailureAt: z.string().nullable(),
  lastFailureContent: z.string().nullable(),
  deliveryRetryCount: z.number().int(),
  nextAttemptAfter: z.string().nullable(),
  outbox: z.array(z.record(z.string(), z.unknown())),
});

/** Version 2 added organizations and teams; a version 1 file loads with the defaults above, as version 2. */
export const STATE_VERSION = 2;

export const asanaState = z.object({
  version: z.literal([1, STATE_VERSION]).transform(() => STATE_VERSION),
  nextGid: z.number().int(),
  users: z.array(user),
  workspaces: z.array(workspace),
  teams: z.array(team).default([]),
  projects: z.array(project),
  sections: z.array(section),
  tasks: z.array(task),
  stories: z.array(story),
  webhooks: z.array(webhook).default([]),
});

export type AsanaState = z.infer<typeof asanaState>;
export type User = z.infer<typeof user>;
export type Workspace = z.infer<typeof workspace>;
export type Team = z.infer<typeof team>;
export type Project = z.infer<typeof project>;
export type Section = z.infer<typeof section>;
export type Task = z.infer<typeof task>;
export type Webhook = z.infer<typeof webhook>;
export type WebhookFilter = z.infer<typeof webhookFilter>;
export type ExternalData = z.infer<typeof external>;

/** The first gid the local Asana hands out; Asana's own gids are 16-digit numbers like it. */
export const FIRST_GID = 1_200_000_000_000_000;

/** Hands out the next gid. */
export function nextGid(state: AsanaState): string {
  const id = state.nextGid;
  state.nextGid += 1;
  return String(id);
}

/** Asana's timestamps: ISO 8601 in UTC with milliseconds. */
export function asanaTime(date: Date): string {
  return date.toISOString();
}
