import { badRequest } from './asana-error';
import type { Viewer } from './context';
import { findProject, findSection, findTask, findWorkspace } from './lookups';
import { stringList } from './request';
import { asanaTime, type Project, type Section, type Task, type Workspace } from './state';

type Placement = {
  workspace: Workspace;
  parent: Task | undefined;
  places: Array<{ project: Project; section: Section }>;
};

/**
 * Where a new task goes: its workspace (given, or that of its projects or parent), and the
 * section of each project it joins: the one `memberships` names, else the project's first.
 * Everything named must be in the one workspace.
 */
export function readPlacement(v: Viewer, data: Record<string, unknown>): Placement {
  const parent = typeof data.parent === 'string' ? findTask(v, data.parent, 'parent') : undefined;
  const places = readMemberships(v, data.memberships);
  for (const [i, ref] of (stringList(data, 'projects') ?? []).entries()) {
    const project = findProject(v, ref, `projects: [${i}]`);
    if (!places.some((p) => p.project.gid === project.gid)) places.push({ project, section: firstSection(v, project) });
  }
  const workspaceRef =
    typeof data.workspace === 'string' ? data.workspace : (places[0]?.project.workspaceGid ?? parent?.workspaceGid);
  if (workspaceRef === undefined) throw badRequest('workspace: Missing input');
  const workspace = findWorkspace(v, workspaceRef);
  if (
    places.some((p) => p.project.workspaceGid !== workspace.gid) ||
    (parent && parent.workspaceGid !== workspace.gid)
  ) {
    throw badRequest('workspace: The task, its projects and its parent must all be in the same workspace');
  }
  return { workspace, parent, places };
}

/** `memberships: [{ project, section }]`, each a gid (or `{ gid }`); the section must be the project's. */
function readMemberships(v: Viewer, value: unknown): Array<{ project: Project; section: Section }> {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw badRequest('memberships: Not an array');
  return value.map((item: unknown, i) => {
    const label = `memberships: [${i}]`;
    const projectRef = gidOf(item, 'project');
    if (projectRef === undefined) throw badRequest(`${label}: project: Missing input`);
    const project = findProject(v, projectRef, `${label}: project`);
    const sectionRef = gidOf(item, 'section');
    if (sectionRef === undefined) return { project, section: firstSection(v, project) };
    const { section } = findSection(v, sectionRef, `${label}: section`);
    if (section.projectGid !== project.gid) throw badRequest(`${label}: section: Section is not in the project`);
    return { project, section };
  });
}

function gidOf(item: unknown, key: string): string | undefined {
  const value =
    typeof item === 'object' && item !== null && key in item
      ? Object.fromEntries(Object.entries(item))[key]
      : undefined;
  if (typeof value === 'string') return value;
  const nested = typeof value === 'object' && value !== null && 'gid' in value ? value.gid : undefined;
  return typeof nested === 'string' ? nested : undefined;
}

function firstSection(v: Viewer, project: Project): Section {
  const section = v.state.sections.find((s) => s.projectGid === project.gid);
  if (!section) throw new Error(`project ${project.gid} has no section`);
  return section;
}

/**
 * Puts a task in a section of a project, leaving the project's other section if it was in
 * one: a task is in at most one section per project. A task of another workspace cannot
 * join.
 */
export function placeInSection(task: Task, project: Project, section: Section, now: Date): void {
  if (project.workspaceGid !== task.workspaceGid)
    throw badRequest('project: Project and task are not in the same workspace');
  task.memberships = task.memberships.filter((m) => m.projectGid !== project.gid);
  task.memberships.push({ projectGid: project.gid, sectionGid: section.gid });
  task.modifiedAt = asanaTime(now);
}
