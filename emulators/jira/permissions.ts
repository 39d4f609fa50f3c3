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

/** What each project role may do, as a default permission scheme grants it. */
const ROLE_GRANTS: Record<ProjectRole, readonly PermissionKey[]> = {
  administrator: PROJECT_KEYS,
  member: PROJECT_KEYS.filter((key) => key !== 'ADMINISTER_PROJECTS'),
  viewer: ['BROWSE_PROJECTS'],
};

/** Whether the user holds a permission in a project (site admins hold them all). */
export function hasProjectPermission(user: User, project: Project, key: PermissionKey): boolean {
  if (!user.active) return false;
  if (user.siteAdmin) return true;
  const role = project.roles[user.accountId];
  return role !== undefined && ROLE_GRANTS[role].includes(key);
}

/** Global permissions are the user's own; project ones count when held in any project. */
export function hasPermission(user: User, key: PermissionKey, projects: readonly Project[]): boolean {
  if (key === 'ADMINISTER') return user.active && user.siteAdmin;
  if (key === 'USER_PICKER') return user.active;
  return projects.some((project) => hasProjectPermission(user, project, key));
}
