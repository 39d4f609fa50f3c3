import { accountIdFor, localApiToken } from './accounts';
import type { Person } from '../common/people';
import { addScreensProject } from './seed-screens';
import { seedPrivateAndDeparted } from './seed-people';
import { nextId, type ProjectRole, type SiteState, type User } from './site-state';

/** The local site administrator: every permission everywhere. Use it for the CLI and tests. */
export const LOCAL_ADMIN = { email: 'admin@handoff.local', apiToken: 'handoff-local-token' } as const;
/** A user who may browse DEL but not create or edit in it: the "403" path. */
export const LOCAL_VIEWER = { email: 'viewer@handoff.local', apiToken: 'handoff-viewer-token' } as const;
/**
 * The Forge app's own account, what `asApp()` acts as: not a site admin, and in every project
 * only through the `atlassian-addons-project-access` role, whose permissions an admin can remove.
 */
export const LOCAL_FORGE_APP = { email: 'handoff-app@apps.handoff.local', apiToken: 'handoff-app-token' } as const;
/** The demo project every example provisions into. */
export const DEMO_PROJECT_KEY = 'DEL';
/**
 * A second project whose scheme has a "Change Request" issue type, with an "Approved" status
 * in its workflow: change control there opens Change Requests; in DEL, labelled Tasks.
 */
export const CHANGE_PROJECT_KEY = 'CHG';

/** A site with the demo project, its types, statuses and link types, and the example people. */
export function seedSite(people: readonly Person[]): SiteState {
  const state: SiteState = {
    version: 1,
    nextId: 10000,
    users: [],
    projects: [],
    issueTypes: [],
    statuses: [],
    linkTypes: [],
    versions: [],
    issues: [],
    links: [],
  };
  const admin = addUser(state, LOCAL_ADMIN.email, 'Handoff Admin', LOCAL_ADMIN.apiToken, true);
  const viewer = addUser(state, LOCAL_VIEWER.email, 'Handoff Viewer', LOCAL_VIEWER.apiToken, false);
  const forgeApp = addUser(state, LOCAL_FORGE_APP.email, 'Handoff (app)', LOCAL_FORGE_APP.apiToken, false);
  const others = people
    .filter((p) => ![admin.email, viewer.email, forgeApp.email].includes(p.email))
    .map((p) => addUser(state, p.email, p.displayName, localApiToken(p.email), false));

  state.issueTypes.push(
    {
      id: nextId(state),
      name: 'Epic',
      description: 'A big user story that needs to be broken down.',
      subtask: false,
      hierarchyLevel: 1,
    },
    {
      id: nextId(state),
      name: 'Task',
      description: 'A small, distinct piece of work.',
      subtask: false,
      hierarchyLevel: 0,
    },
    {
      id: nextId(state),
      name: 'Sub-task',
      description: 'A small piece of work that is part of a larger task.',
      subtask: true,
      hierarchyLevel: -1,
    },
  );
  for (const [name, category] of [
    ['To Do', 'new'],
    ['In Progress', 'indeterminate'],
    ['Kickoff', 'indeterminate'],
    ['Done', 'done'],
  ] satisfies Array<[string, 'new' | 'indeterminate' | 'done']>) {
    state.statuses.push({ id: nextId(state), name, category });
  }
  state.linkTypes.push(
    { id: nextId(state), name: 'Blocks', inward: 'is blocked by', outward: 'blocks' },
    { id: nextId(state), name: 'Cloners', inward: 'is cloned by', outward: 'clones' },
    { id: nextId(state), name: 'Duplicate', inward: 'is duplicated by', outward: 'duplicates' },
    { id: nextId(state), name: 'Relates', inward: 'relates to', outward: 'relates to' },
  );
  const roles: Record<string, ProjectRole> = {
    [admin.accountId]: 'administrator',
    [viewer.accountId]: 'viewer',
    [forgeApp.accountId]: 'atlassian-addons-project-access',
  };
  for (const person of others) roles[person.accountId] = 'member';
  const standardTypes = state.issueTypes.map((t) => t.id);
  state.projects.push({
    id: nextId(state),
    key: DEMO_PROJECT_KEY,
    name: 'Delivery',
    leadAccountId: admin.accountId,
    issueTypeIds: standardTypes,
    nextIssueNumber: 1,
    roles,
  });
  // Added after DEL, so DEL's ids stay what they were before change control existed.
  const changeRequest = {
    id: nextId(state),
    name: 'Change Request',
    description: 'A proposed change to agreed scope, approved before it is applied.',
    subtask: false,
    hierarchyLevel: 0,
  };
  state.issueTypes.push(changeRequest);
  state.statuses.push({ id: nextId(state), name: 'Approved', category: 'done', issueTypeIds: [changeRequest.id] });
  state.projects.push({
    id: nextId(state),
    key: CHANGE_PROJECT_KEY,
    name: 'Change-controlled delivery',
    leadAccountId: admin.accountId,
    issueTypeIds: [...standardTypes, changeRequest.id],
    nextIssueNumber: 1,
    roles: { ...roles },
  });
  addScreensProject(state, DEMO_PROJECT_KEY); // OPS: screens, required fields, a transition screen
  seedPrivateAndDeparted(state, (email, displayName) =>
    addUser(state, email, displayName, localApiToken(email), false),
  );
  return state;
}

/** Adds a person to the site (no project roles yet) and returns them. */
export function addUser(
  state: SiteState,
  email: string,
  displayName: string,
  apiToken: string,
  siteAdmin: boolean,
): User {
  const user: User = {
    accountId: accountIdFor(email),
    email: email.toLowerCase(),
    displayName,
    apiToken,
    active: true,
    siteAdmin,
    timeZone: 'UTC',
    emailHidden: false,
  };
  state.users.push(user);
  return user;
}
