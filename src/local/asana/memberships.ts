import { badRequest } from './asana-error.ts';
import type { Project, Section, Task } from './state.ts';
import { asanaTime } from './state.ts';

/**
 * Puts a task in a section of a project, leaving the project's other section if it was in
 * one: a task is in at most one section per project. A task of another workspace cannot
 * join.
 */
export function placeInSection(task: Task, project: Project, section: Section, now: Date): void {
  if (project.workspaceGid !== task.workspaceGid) throw badRequest('project: Project and task are not in the same workspace');
  task.memberships = task.memberships.filter((m) => m.projectGid !== project.gid);
  task.memberships.push({ projectGid: project.gid, sectionGid: section.gid });
  task.modifiedAt = asanaTime(now);
}
