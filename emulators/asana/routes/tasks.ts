import { Hono } from 'hono';
import type { AsanaEnv } from '../context';
import { findTask } from '../lookups';
import { dataOf, pathParam, viewerOf } from '../request';
import { created, empty, single } from '../responses';
import { createTask, updateTask } from '../task-writes';

export const taskRoutes = new Hono<AsanaEnv>();

/**
 * POST /tasks — `{ data: { workspace | projects | memberships | parent, name, notes |
 * html_notes, assignee (gid, e-mail or me), due_on | due_at, external, ... } }`; 201 with
 * the full task.
 */
taskRoutes.post('/tasks', (c) => {
  const task = createTask(viewerOf(c), dataOf(c), new Date(c.var.clock.now()));
  return created(c, 'task', task.gid, `/tasks/${task.gid}`);
});

/** GET /tasks/{task_gid} — the full task; `external:<gid>` names it by its external gid (OAuth only). */
taskRoutes.get('/tasks/:task_gid', (c) => single(c, 'task', findTask(viewerOf(c), pathParam(c, 'task_gid')).gid));

/** PUT /tasks/{task_gid} — changes the fields given; the full task. */
taskRoutes.put('/tasks/:task_gid', (c) => {
  const v = viewerOf(c);
  const task = findTask(v, pathParam(c, 'task_gid'));
  updateTask(v, task, dataOf(c), new Date(c.var.clock.now()));
  return single(c, 'task', task.gid);
});

/** DELETE /tasks/{task_gid} — the task goes, with its stories and its dependency links; `{ data: {} }`. */
taskRoutes.delete('/tasks/:task_gid', (c) => {
  const { state } = c.var;
  const task = findTask(viewerOf(c), pathParam(c, 'task_gid'));
  state.tasks = state.tasks.filter((t) => t !== task);
  state.stories = state.stories.filter((s) => s.taskGid !== task.gid);
  for (const other of state.tasks) {
    other.dependencyGids = other.dependencyGids.filter((gid) => gid !== task.gid);
    if (other.parentGid === task.gid) other.parentGid = null;
  }
  return empty(c);
});
