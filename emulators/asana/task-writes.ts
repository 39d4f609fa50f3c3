import { badRequest, notFound } from './asana-error';
import type { Viewer } from './context';
import { optionalString, readDate, readDateTime, stringList } from './request';
import { readExternal } from './external-data';
import { findUser } from './lookups';
import { readTextPair } from './rich-text';
import { changeStories } from './system-stories';
import { readPlacement } from './task-placement';
import { asanaTime, nextGid, type Task } from './state';
import { queueTaskEvents } from './webhooks/events';

const SUBTYPES = ['default_task', 'milestone', 'approval'] as const;
/** Changed through their own endpoints (addProject, setParent, addFollowers, addTag), never by PUT. */
const CREATE_ONLY = ['workspace', 'projects', 'memberships', 'parent', 'followers', 'tags'];

/** POST /tasks: a new task from `{ data }`, with the stories Asana writes about it. */
export function createTask(v: Viewer, data: Record<string, unknown>, now: Date): Task {
  const { workspace, parent, places } = readPlacement(v, data);
  refuseUnknown(data);
  const followers = (stringList(data, 'followers') ?? []).map(
    (ref, i) => member(v, workspace.gid, ref, `followers: [${i}]`).gid,
  );
  const time = asanaTime(now);
  const task: Task = {
    gid: nextGid(v.state),
    workspaceGid: workspace.gid,
    name: '',
    resourceSubtype: 'default_task',
    notes: '',
    htmlNotes: '<body></body>',
    completed: false,
    completedAt: null,
    completedByGid: null,
    assigneeGid: null,
    dueOn: null,
    dueAt: null,
    startOn: null,
    parentGid: parent?.gid ?? null,
    memberships: places.map((p) => ({ projectGid: p.project.gid, sectionGid: p.section.gid })),
    dependencyGids: [],
    followerGids: [],
    external: {},
    createdByGid: v.actor.gid,
    createdAt: time,
    modifiedAt: time,
  };
  applyFields(v, task, data, now);
  task.followerGids = [...new Set([v.actor.gid, ...(task.assigneeGid ? [task.assigneeGid] : []), ...followers])];
  v.state.tasks.push(task);
  changeStories(v.state, undefined, task, v.actor, now);
  queueTaskEvents(v.state, undefined, task, v.actor, now);
  return task;
}

/** PUT /tasks/{task_gid}: only the fields given change. */
export function updateTask(v: Viewer, task: Task, data: Record<string, unknown>, now: Date): void {
  const fixed = CREATE_ONLY.find((name) => name in data);
  if (fixed) throw badRequest(`${fixed}: Cannot be changed by updating the task; use its own endpoint`);
  refuseUnknown(data);
  const before = structuredClone(task);
  applyFields(v, task, data, now);
  if (
    task.assigneeGid !== null &&
    task.assigneeGid !== before.assigneeGid &&
    !task.followerGids.includes(task.assigneeGid)
  )
    task.followerGids.push(task.assigneeGid);
  task.modifiedAt = asanaTime(now);
  changeStories(v.state, before, task, v.actor, now);
  queueTaskEvents(v.state, before, task, v.actor, now);
}

/** The fields a create and an update share, Asana's checks and sentences. */
function applyFields(v: Viewer, task: Task, data: Record<string, unknown>, now: Date): void {
  const name = optionalString(data, 'name');
  if (name !== undefined) task.name = name;
  const subtype = optionalString(data, 'resource_subtype');
  if (subtype !== undefined)
    task.resourceSubtype = SUBTYPES.find((s) => s === subtype) ?? invalid('resource_subtype', subtype);
  const notes = readTextPair(data, 'notes', 'html_notes');
  if (notes) [task.notes, task.htmlNotes] = [notes.text, notes.html];
  if (data.assignee !== undefined)
    task.assigneeGid =
      data.assignee === null ? null : member(v, task.workspaceGid, String(data.assignee), 'assignee').gid;
  const dueOn = readDate(data, 'due_on');
  const dueAt = readDateTime(data, 'due_at');
  if (dueOn !== undefined && dueAt !== undefined) throw badRequest('You may only provide one of due_on or due_at');
  // A task has one due date: setting it one way clears the other.
  if (dueOn !== undefined) [task.dueOn, task.dueAt] = [dueOn, null];
  if (dueAt !== undefined) [task.dueOn, task.dueAt] = [dueAt === null ? null : dueAt.slice(0, 10), dueAt];
  const startOn = readDate(data, 'start_on');
  if (startOn !== undefined) task.startOn = startOn;
  if (data.completed !== undefined) {
    if (typeof data.completed !== 'boolean') invalid('completed', String(data.completed));
    if (data.completed !== task.completed)
      [task.completedAt, task.completedByGid] = data.completed ? [asanaTime(now), v.actor.gid] : [null, null];
    task.completed = data.completed;
  }
  if (data.external !== undefined) {
    const { kind, data: external } = readExternal(v, data.external, task);
    task.external[kind] = external;
  }
}

/** The assignee or a follower: someone of the task's workspace, by `me`, e-mail or gid. */
function member(v: Viewer, workspaceGid: string, ref: string, label: string) {
  const user = findUser(v, ref, label);
  if (!v.state.workspaces.find((w) => w.gid === workspaceGid)?.memberGids.includes(user.gid))
    throw badRequest(`${label}: User is not a member of the workspace`);
  return user;
}

/** Tags and custom fields the local Asana does not have: naming any is naming an unknown object. */
function refuseUnknown(data: Record<string, unknown>): void {
  const tag = stringList(data, 'tags')?.[0];
  if (tag !== undefined) throw notFound(`tags: [0]: Unknown object: ${tag}`);
  const field =
    typeof data.custom_fields === 'object' && data.custom_fields !== null
      ? Object.keys(data.custom_fields)[0]
      : undefined;
  if (field !== undefined) throw notFound(`custom_fields: Unknown object: ${field}`);
}

function invalid(field: string, value: string): never {
  throw badRequest(`${field}: Invalid value: ${value}`);
}
