import { isEmail } from '../common/people';
import { badRequest, forbidden, notFound } from './asana-error';
import type { Viewer } from './context';
import { findByExternalGid } from './external-data';
import type { AsanaState, Project, Section, Task, Team, User, Workspace } from './state';

/**
 * Finding what a request names, as Asana answers it. A gid is numeric; gids are global, so
 * one naming another type of object is refused as such. An object that does not exist is
 * 404 (whether named in the path or the body); one that exists in a workspace the caller
 * is not a member of is 403. `label` is how Asana prefixes the message: `task`, `projects: [0]`.
 */

export function findWorkspace(v: Viewer, ref: string, label = 'workspace'): Workspace {
  const workspace = locate(v.state, ref, label, v.state.workspaces);
  if (!workspace.memberGids.includes(v.actor.gid)) throw forbidden(`${label}: Forbidden`);
  return workspace;
}

/** A team, seen by any member of its organization (the local teams are all public). */
export function findTeam(v: Viewer, ref: string, label = 'team'): Team {
  const team = locate(v.state, ref, label, v.state.teams);
  visible(v, team.workspaceGid, label);
  return team;
}

export function findProject(v: Viewer, ref: string, label = 'project'): Project {
  const project = locate(v.state, ref, label, v.state.projects);
  visible(v, project.workspaceGid, label);
  return project;
}

export function findSection(v: Viewer, ref: string, label = 'section'): { section: Section; project: Project } {
  const section = locate(v.state, ref, label, v.state.sections);
  return { section, project: findProject(v, section.projectGid, label) };
}

/** A task by gid, or by `external:<gid>` for the OAuth app that set it. */
export function findTask(v: Viewer, ref: string, label = 'task'): Task {
  const task = ref.startsWith('external:')
    ? findByExternalGid(v, ref.slice('external:'.length))
    : locate(v.state, ref, label, v.state.tasks);
  if (!task) throw notFound(`${label}: Unknown object: ${ref}`);
  visible(v, task.workspaceGid, label);
  return task;
}

/**
 * A person by `me`, e-mail or gid: whom the caller shares a workspace with, unless
 * `anywhere` (inviting someone from another workspace into one's own).
 */
export function findUser(v: Viewer, ref: string, label = 'user', anywhere = false): User {
  if (ref === 'me') return v.actor;
  const user = isEmail(ref)
    ? v.state.users.find((u) => u.email === ref.trim().toLowerCase())
    : locate(v.state, ref, label, v.state.users);
  if (!user) throw notFound(`${label}: Unknown object: ${ref}`);
  if (
    !anywhere &&
    user.gid !== v.actor.gid &&
    !v.state.workspaces.some((w) => w.memberGids.includes(user.gid) && w.memberGids.includes(v.actor.gid))
  ) {
    throw forbidden(`${label}: Forbidden`);
  }
  return user;
}

/** Refuses a workspace's object to someone who is not a member of it. */
function visible(v: Viewer, workspaceGid: string, label: string): void {
  const workspace = v.state.workspaces.find((w) => w.gid === workspaceGid);
  if (!workspace?.memberGids.includes(v.actor.gid)) throw forbidden(`${label}: Forbidden`);
}

function locate<T extends { gid: string }>(state: AsanaState, ref: string, label: string, list: readonly T[]): T {
  if (!/^\d+$/.test(ref)) throw badRequest(`${label}: Not a Long: ${ref}`);
  const found = list.find((item) => item.gid === ref);
  if (found) return found;
  const elsewhere = [
    state.users,
    state.workspaces,
    state.teams,
    state.projects,
    state.sections,
    state.tasks,
    state.stories,
  ].some((l) => l.some((item) => item.gid === ref));
  if (elsewhere) throw forbidden(`${label}: Not the correct type`);
  throw notFound(`${label}: Unknown object: ${ref}`);
}
