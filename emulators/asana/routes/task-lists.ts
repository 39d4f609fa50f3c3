import { Hono, type Context } from 'hono';
import { badRequest, notFound } from '../asana-error';
import type { AsanaEnv } from '../context';
import { findProject, findSection, findTask, findUser, findWorkspace } from '../lookups';
import { list } from '../responses';
import { pathParam, viewerOf } from '../request';
import type { Task } from '../state';

export const taskListRoutes = new Hono<AsanaEnv>();

/** Compact tasks, oldest first, without those completed before `completed_since` (`now`: incomplete only). */
function tasks(c: Context<AsanaEnv>, keep: (task: Task) => boolean) {
  const since = c.req.query('completed_since');
  const after = since === undefined ? undefined : since === 'now' ? c.var.clock.now() : Date.parse(since);
  if (after !== undefined && Number.isNaN(after)) throw badRequest(`completed_since: Invalid date-time: ${since}`);
  const modifiedSince = c.req.query('modified_since');
  const found = c.var.state.tasks.filter(
    (t) =>
      keep(t) &&
      (after === undefined || !t.completed || Date.parse(t.completedAt ?? '') >= after) &&
      (modifiedSince === undefined || Date.parse(t.modifiedAt) >= Date.parse(modifiedSince)),
  );
  return list(
    c,
    'task',
    found.map((t) => t.gid),
  );
}

/**
 * GET /tasks?project= | ?section= | ?assignee=&workspace= — Asana wants exactly one of
 * those filters.
 */
taskListRoutes.get('/tasks', (c) => {
  const v = viewerOf(c);
  const q = (name: string) => c.req.query(name);
  const filters = [q('project'), q('section'), q('tag'), q('user_task_list'), q('assignee') ?? q('workspace')].filter(
    (f) => f !== undefined,
  );
  if (filters.length !== 1 || (q('assignee') === undefined) !== (q('workspace') === undefined)) {
    throw badRequest('Must specify exactly one of project, tag, section, user task list, or assignee + workspace');
  }
  if (q('tag') !== undefined || q('user_task_list') !== undefined)
    throw notFound(`${q('tag') === undefined ? 'user_task_list' : 'tag'}: Unknown object: ${filters[0]}`);
  const project = q('project');
  if (project !== undefined) return tasksOfProject(c, project);
  const section = q('section');
  if (section !== undefined) return tasksOfSection(c, section);
  const assignee = findUser(v, q('assignee') ?? '', 'assignee');
  const workspace = findWorkspace(v, q('workspace') ?? '');
  return tasks(c, (t) => t.assigneeGid === assignee.gid && t.workspaceGid === workspace.gid);
});

/** GET /projects/{project_gid}/tasks — the tasks of a project. */
taskListRoutes.get('/projects/:project_gid/tasks', (c) => tasksOfProject(c, pathParam(c, 'project_gid')));

/** GET /sections/{section_gid}/tasks — the tasks of a section. */
taskListRoutes.get('/sections/:section_gid/tasks', (c) => tasksOfSection(c, pathParam(c, 'section_gid')));

/** GET /tasks/{task_gid}/subtasks — its subtasks. */
taskListRoutes.get('/tasks/:task_gid/subtasks', (c) => {
  const parent = findTask(viewerOf(c), pathParam(c, 'task_gid'));
  return tasks(c, (t) => t.parentGid === parent.gid);
});

function tasksOfProject(c: Context<AsanaEnv>, ref: string) {
  const project = findProject(viewerOf(c), ref);
  return tasks(c, (t) => t.memberships.some((m) => m.projectGid === project.gid));
}

function tasksOfSection(c: Context<AsanaEnv>, ref: string) {
  const { section } = findSection(viewerOf(c), ref);
  return tasks(c, (t) => t.memberships.some((m) => m.sectionGid === section.gid));
}
