import { asanaTime, type AsanaState, type Task, type User, type WebhookFilter } from '../state';

/** A compact event as Asana delivers it: who did what to which object; never the new values. */
export type AsanaEvent = {
  user: { gid: string; resource_type: 'user' };
  created_at: string;
  action: 'added' | 'changed';
  resource: { gid: string; resource_type: 'task'; resource_subtype: string };
  parent: { gid: string; resource_type: 'project' } | null;
  change?: { field: string; action: 'changed' };
};

/** The task fields whose changes are told, as Asana names them. */
const FIELDS: ReadonlyArray<[string, (t: Task) => unknown]> = [
  ['name', (t) => t.name],
  ['notes', (t) => t.htmlNotes],
  ['completed', (t) => t.completed],
  ['assignee', (t) => t.assigneeGid],
  ['due_on', (t) => t.dueOn],
  ['due_at', (t) => t.dueAt],
  ['start_on', (t) => t.startOn],
];

/** Whether an event passes a webhook's filters: any one of them, or every event when there are none. */
export function passes(filters: readonly WebhookFilter[], event: AsanaEvent): boolean {
  if (filters.length === 0) return true;
  return filters.some(
    (f) =>
      (f.resource_type === undefined || f.resource_type === event.resource.resource_type) &&
      (f.resource_subtype === undefined || f.resource_subtype === event.resource.resource_subtype) &&
      (f.action === undefined || f.action === event.action) &&
      (f.fields === undefined || (event.change !== undefined && f.fields.includes(event.change.field))),
  );
}

/**
 * A task was made (`before` undefined) or changed: its events go into the outbox of every
 * webhook on the task or on one of its projects whose filters they pass. Nothing is built
 * when no webhook exists, so a workspace without any pays nothing.
 */
export function queueTaskEvents(
  state: AsanaState,
  before: Task | undefined,
  after: Task,
  actor: User,
  now: Date,
): void {
  if (state.webhooks.length === 0) return;
  const base = {
    user: { gid: actor.gid, resource_type: 'user' as const },
    created_at: asanaTime(now),
    resource: { gid: after.gid, resource_type: 'task' as const, resource_subtype: after.resourceSubtype },
  };
  for (const hook of state.webhooks) {
    const inProject = after.memberships.some((m) => m.projectGid === hook.resourceGid);
    if (hook.resourceGid !== after.gid && !inProject) continue;
    const events: AsanaEvent[] = before
      ? FIELDS.filter(([, value]) => value(before) !== value(after)).map(([field]) => ({
          ...base,
          action: 'changed',
          parent: null,
          change: { field, action: 'changed' },
        }))
      : inProject
        ? [{ ...base, action: 'added', parent: { gid: hook.resourceGid, resource_type: 'project' } }]
        : [];
    hook.outbox.push(...events.filter((e) => passes(hook.filters, e)));
  }
}
