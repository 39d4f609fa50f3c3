import { badRequest, paymentRequired } from './asana-error';
import type { Viewer } from './context';
import { findTask } from './lookups';
import type { Task } from './state';

/** Asana's limit: "A task can have at most 30 dependents and dependencies combined". */
export const MAX_DEPENDENCY_LINKS = 30;

/** Dependencies are a paid Asana feature: a free workspace answers 402. */
export function requirePremium(v: Viewer, task: Task): void {
  if (!v.state.workspaces.find((w) => w.gid === task.workspaceGid)?.premium) {
    throw paymentRequired('Task dependencies are a premium feature; this workspace is not premium.');
  }
}

/**
 * Links pairs `[dependent, dependency]`, all or nothing. A pair already linked is skipped
 * (adding it again changes nothing); a task cannot depend on itself, nor close a cycle,
 * nor pass the 30-links limit on either side. `field` names the list in messages.
 */
export function link(v: Viewer, pairs: Array<[Task, Task]>, field: string): void {
  const fresh = pairs.filter(([dependent, dependency], i) => {
    if (dependent.workspaceGid !== dependency.workspaceGid)
      throw badRequest(`${field}: [${i}]: Tasks must be in the same workspace`);
    if (dependent === dependency) throw badRequest(`${field}: [${i}]: A task cannot depend on itself`);
    if (dependsOn(v, dependency, dependent.gid))
      throw badRequest(`${field}: [${i}]: Adding this dependency would create a cycle`);
    return (
      !dependent.dependencyGids.includes(dependency.gid) &&
      pairs.findIndex(([a, b]) => a === dependent && b === dependency) === i
    );
  });
  const added = new Map<Task, number>();
  for (const [dependent, dependency] of fresh)
    for (const task of [dependent, dependency]) added.set(task, (added.get(task) ?? 0) + 1);
  for (const [task, extra] of added) {
    if (links(v, task) + extra > MAX_DEPENDENCY_LINKS) {
      throw badRequest(
        `${field}: A task can have at most ${MAX_DEPENDENCY_LINKS} dependents and ` +
          `dependencies combined; task ${task.gid} would have ${links(v, task) + extra}`,
      );
    }
  }
  for (const [dependent, dependency] of fresh) dependent.dependencyGids.push(dependency.gid);
}

/** Reads a list of task references (`dependencies`, `dependents`) of a request's data. */
export function tasksNamed(v: Viewer, refs: unknown, field: string): Task[] {
  if (!Array.isArray(refs) || refs.length === 0) throw badRequest(`${field}: Missing input`);
  return refs.map((ref, i) => {
    if (typeof ref !== 'string') throw badRequest(`${field}: [${i}]: Not a string`);
    return findTask(v, ref, `${field}: [${i}]`);
  });
}

function links(v: Viewer, task: Task): number {
  return task.dependencyGids.length + v.state.tasks.filter((t) => t.dependencyGids.includes(task.gid)).length;
}

/** Whether `task` depends on `gid`, directly or through other dependencies. */
function dependsOn(v: Viewer, task: Task, gid: string, seen = new Set<string>()): boolean {
  if (task.dependencyGids.includes(gid)) return true;
  seen.add(task.gid);
  return task.dependencyGids.some((next) => {
    const other = v.state.tasks.find((t) => t.gid === next);
    return other !== undefined && !seen.has(next) && dependsOn(v, other, gid, seen);
  });
}
