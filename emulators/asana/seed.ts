import { displayNameFor, type Person } from '../common/people';
import { FIRST_GID, STATE_VERSION, nextGid, type AsanaState, type Team, type User, type Workspace } from './state';
import { localAsanaRefreshToken, localAsanaTokens } from './auth';

/**
 * The demo workspace every example provisions into. It is premium, because task
 * dependencies (which Handoff links items with) are a paid Asana feature. It is an
 * organization by default, as a company's Asana is: projects there need a team.
 */
export const DEMO_WORKSPACE = { gid: String(FIRST_GID), name: 'Handoff Demo' } as const;
/** `organization` (Asana's kind for a company, with teams) or a plain `workspace` (no teams). */
export type DemoWorkspaceKind = 'organization' | 'workspace';
/** A free workspace the admin is not in: the 403 (not a member) and 402 (not premium) paths. */
export const OTHER_WORKSPACE = { gid: String(FIRST_GID + 1), name: 'Elsewhere Ltd' } as const;

const ADMIN_EMAIL = 'admin@handoff.local';
const OUTSIDER_EMAIL = 'outsider@elsewhere.example';

/** The local admin, member of the demo workspace: use it for the CLI and tests. */
export const LOCAL_ASANA_ADMIN = {
  gid: String(FIRST_GID + 2),
  email: ADMIN_EMAIL,
  name: 'Handoff Admin',
  ...localAsanaTokens(ADMIN_EMAIL),
} as const;
/** Member of the other workspace only. */
export const LOCAL_ASANA_OUTSIDER = {
  gid: String(FIRST_GID + 3),
  email: OUTSIDER_EMAIL,
  name: 'Olive Outsider',
  ...localAsanaTokens(OUTSIDER_EMAIL),
} as const;

/** The demo organization's team the admin and every example person belong to: Handoff's projects go here. */
export const DEMO_TEAM = { gid: String(FIRST_GID + 4), name: 'Delivery' } as const;
/** A team of the demo organization the admin is not in (every example person is). */
export const SALES_TEAM = { gid: String(FIRST_GID + 5), name: 'Sales' } as const;

/** The admin's OAuth token: sees and sets `external` data; expires an hour after the local Asana starts. */
export const LOCAL_ASANA_OAUTH_TOKEN = LOCAL_ASANA_ADMIN.oauthToken;
/** The admin's refresh token for the local OAuth app (LOCAL_ASANA_OAUTH_APP): new access tokens, any time. */
export const LOCAL_ASANA_REFRESH_TOKEN = localAsanaRefreshToken(ADMIN_EMAIL);
/** The admin's personal access token: never sees `external` data. */
export const LOCAL_ASANA_PAT = LOCAL_ASANA_ADMIN.personalAccessToken;

/**
 * Both workspaces, the admin and the outsider, and every example person in the demo workspace;
 * as an organization, its two teams too (made before the people, so their gids stay fixed).
 */
export function seedAsana(people: readonly Person[], kind: DemoWorkspaceKind = 'organization'): AsanaState {
  const state: AsanaState = {
    version: STATE_VERSION,
    nextGid: FIRST_GID,
    users: [],
    workspaces: [],
    teams: [],
    projects: [],
    sections: [],
    tasks: [],
    stories: [],
    webhooks: [],
  };
  const isOrganization = kind === 'organization';
  const demo: Workspace = {
    gid: nextGid(state),
    name: DEMO_WORKSPACE.name,
    premium: true,
    isOrganization,
    memberGids: [],
  };
  const other: Workspace = {
    gid: nextGid(state),
    name: OTHER_WORKSPACE.name,
    premium: false,
    isOrganization: false,
    memberGids: [],
  };
  state.workspaces.push(demo, other);
  const admin = addUser(state, ADMIN_EMAIL, LOCAL_ASANA_ADMIN.name);
  demo.memberGids.push(admin.gid);
  other.memberGids.push(addUser(state, OUTSIDER_EMAIL, LOCAL_ASANA_OUTSIDER.name).gid);
  const teams: Team[] = isOrganization
    ? [DEMO_TEAM, SALES_TEAM].map(({ name }) => ({ gid: nextGid(state), workspaceGid: demo.gid, name, memberGids: [] }))
    : [];
  state.teams.push(...teams);
  teams[0]?.memberGids.push(admin.gid);
  for (const person of people) {
    if (person.email === ADMIN_EMAIL || person.email === OUTSIDER_EMAIL) continue;
    const { gid } = addUser(state, person.email, person.displayName);
    demo.memberGids.push(gid);
    for (const team of teams) team.memberGids.push(gid);
  }
  return state;
}

/** Adds a person (to no workspace yet) with their tokens, and returns them. */
export function addUser(state: AsanaState, email: string, name = displayNameFor(email)): User {
  const user: User = { gid: nextGid(state), email: email.trim().toLowerCase(), name, ...localAsanaTokens(email) };
  state.users.push(user);
  return user;
}
