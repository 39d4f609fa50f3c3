import { Hono, type Context } from 'hono';
import type { AsanaEnv } from '../context';
import { link, requirePremium, tasksNamed } from '../dependency-links';
import { findTask } from '../lookups';
import { empty, list } from '../responses';
import { dataOf, pathParam, viewerOf } from '../request';
import type { Task } from '../state';

export const dependencyRoutes = new Hono<AsanaEnv>();

/** The task of the path, in a premium workspace. */
function premiumTask(c: Context<AsanaEnv>): Task {
  const v = viewerOf(c);
  const task = findTask(v, pathParam(c, 'task_gid'));
  requirePremium(v, task);
  return task;
}

/** POST /tasks/{task_gid}/addDependencies — `{ data: { dependencies: [gids] } }`; `{ data: {} }`. */
dependencyRoutes.post('/tasks/:task_gid/addDependencies', (c) => {
  const task = premiumTask(c);
  const v = viewerOf(c);
  link(
    v,
    tasksNamed(v, dataOf(c).dependencies, 'dependencies').map((d) => [task, d]),
    'dependencies',
  );
  return empty(c);
});

/** POST /tasks/{task_gid}/addDependents — `{ data: { dependents: [gids] } }`; `{ data: {} }`. */
dependencyRoutes.post('/tasks/:task_gid/addDependents', (c) => {
  const task = premiumTask(c);
  const v = viewerOf(c);
  link(
    v,
    tasksNamed(v, dataOf(c).dependents, 'dependents').map((d) => [d, task]),
    'dependents',
  );
  return empty(c);
});

/** POST /tasks/{task_gid}/removeDependencies — unlinks the tasks named; `{ data: {} }`. */
dependencyRoutes.post('/tasks/:task_gid/removeDependencies', (c) => {
  const task = premiumTask(c);
  const gone = tasksNamed(viewerOf(c), dataOf(c).dependencies, 'dependencies').map((d) => d.gid);
  task.dependencyGids = task.dependencyGids.filter((gid) => !gone.includes(gid));
  return empty(c);
});

/** POST /tasks/{task_gid}/removeDependents — unlinks the tasks named; `{ data: {} }`. */
dependencyRoutes.post('/tasks/:task_gid/removeDependents', (c) => {
  const task = premiumTask(c);
  for (const dependent of tasksNamed(viewerOf(c), dataOf(c).dependents, 'dependents')) {
    dependent.dependencyGids = dependent.dependencyGids.filter((gid) => gid !== task.gid);
  }
  return empty(c);
});

/** GET /tasks/{task_gid}/dependencies — compact tasks. */
dependencyRoutes.get('/tasks/:task_gid/dependencies', (c) => list(c, 'task', premiumTask(c).dependencyGids));

/** GET /tasks/{task_gid}/dependents — compact tasks. */
dependencyRoutes.get('/tasks/:task_gid/dependents', (c) => {
  const task = premiumTask(c);
  return list(
    c,
    'task',
    c.var.state.tasks.filter((t) => t.dependencyGids.includes(task.gid)).map((t) => t.gid),
  );
});
