import type { Project, ProjectRole, User } from './site-state';

type PermissionInfo = { id: string; name: string; type: 'GLOBAL' | 'PROJECT'; description: string };

/** The permissions `mypermissions` knows, with Jira Cloud's ids and names. */
export const PERMISSIONS = {
  ADMINISTER: {
    id: '0',
    name: 'Administer Jira',
    type: 'GLOBAL',
    description: 'Create and administer projects, issue types, fields, workflows and schemes.',
  },
  USER_PICKER: {
    id: '27',
    name: 'Browse users and groups',
    type: 'GLOBAL',
    description: 'View and select users or groups from the user picker.',
  },
  BROWSE_PROJECTS: {
    id: '10',
    name: 'Browse Projects',
    type: 'PROJECT',
    description: 'Ability to browse projects and the issues within them.',
  },
  CREATE_ISSUES: { id: '11', name: 'Create Issues', type: 'PROJECT', description: 'Ability to create issues.' },
  EDIT_ISSUES: { id: '12', name: 'Edit Issues', type: 'PROJECT', description: 'Ability to edit issues.' },
  ASSIGN_ISSUES: {
    id: '13',
    name: 'Assign Issues',
    type: 'PROJECT',
    description: 'Ability to assign issues to other people.',
  },
  ADD_COMMENTS: { id: '15', name: 'Add Comments', type: 'PROJECT', description: 'Ability to comment on issues.' },
  DELETE_ISSUES: { id: '16', name: 'Delete Issues', type: 'PROJECT', description: 'Ability to delete issues.' },
  ASSIGNABLE_USER: {
    id: '17',
    name: 'Assignable User',
    type: 'PROJECT',
    description: 'Users with this permission may be assigned to issues.',
  },
  LINK_ISSUES: {
    id: '21',
    name: 'Link Issues',
    type: 'PROJECT',
    description: 'Ability to link issues together and create linked issues.',
  },
  ADMINISTER_PROJECTS: {
    id: '23',
    name: 'Administer Projects',
    type: 'PROJECT',
    description: 'Ability to administer a project in Jira.',
  },
  SCHEDULE_ISSUES: {
    id: '28',
    name: 'Schedule Issues',
    type: 'PROJECT',
    description: "Ability to view or edit an issue's due date.",
  },
  TRANSITION_ISSUES: {
    id: '46',
    name: 'Transition Issues',
    type: 'PROJECT',
    description: 'Ability to transition issues.',
  },
} satisfies Record<string, PermissionInfo>;

export type PermissionKey = keyof typeof PERMISSIONS;

export function isPermissionKey(key: string): key is PermissionKey {
  return Object.hasOwn(PERMISSIONS, key);
}

const PROJECT_KEYS = Object.entries(PERMISSIONS)
  .filter(([, p]) => p.type === 'PROJECT')
  .map(([key]) => key)
  .filter(isPermissionKey);

/**
 * What each project role may do, as a default permission scheme grants it. The scheme gives
 * `atlassian-addons-project-access` (the role every app's account is in) every project
 * permission; app accounts are not offered as assignees, so Assignable User is left out here.
 */
const ROLE_GRANTS: Record<ProjectRole, readonly PermissionKey[]> = {
  administrator: PROJECT_KEYS,
  member: PROJECT_KEYS.filter((key) => key !== 'ADMINISTER_PROJECTS'),
  viewer: ['BROWSE_PROJECTS'],
  'atlassian-addons-project-access': PROJECT_KEYS.filter((key) => key !== 'ASSIGNABLE_USER'),
};

/**
 * Whether the user holds a permission in a project (site admins hold them all): their role's
 * grant, less what a Jira admin removed from that role in the project's scheme.
 */
export function hasProjectPermission(user: User, project: Project, key: PermissionKey): boolean {
  if (!user.active) return false;
  if (user.siteAdmin) return true;
  const role = project.roles[user.accountId];
  return role !== undefined && ROLE_GRANTS[role].includes(key) && !project.revoked?.[role]?.includes(key);
}

/** Fields Jira leaves off every screen for someone without the permission behind them. */
const FIELD_PERMISSIONS: Readonly<Record<string, PermissionKey>> = {
  assignee: 'ASSIGN_ISSUES',
  duedate: 'SCHEDULE_ISSUES',
};

/** A screen's fields as the user sees it: no assignee without Assign Issues, no due date without Schedule Issues. */
export function screenFor(user: User, project: Project, fields: readonly string[]): string[] {
  return fields.filter((id) => {
    const needs = FIELD_PERMISSIONS[id];
    return needs === undefined || hasProjectPermission(user, project, needs);
  });
}

/** Global permissions are the user's own; project ones count when held in any project. */
export function hasPermission(user: User, key: PermissionKey, projects: readonly Project[]): boolean {
  if (key === 'ADMINISTER') return user.active && user.siteAdmin;
  if (key === 'USER_PICKER') return user.active;
  return projects.some((project) => hasProjectPermission(user, project, key));
}
