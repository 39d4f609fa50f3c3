import { asanaTime, nextGid, type AsanaState, type Task, type User } from './state';

/**
 * The stories Asana writes itself when a task changes, so that a task's story list holds
 * more than the comments a client posted, as it does in Asana: a client reading its own
 * comments back must pick them out (`resource_subtype: comment_added`).
 */
function systemStory(state: AsanaState, task: Task, actor: User, subtype: string, text: string, now: Date): void {
  state.stories.push({
    gid: nextGid(state),
    taskGid: task.gid,
    createdByGid: actor.gid,
    createdAt: asanaTime(now),
    resourceSubtype: subtype,
    text,
    htmlText: null,
  });
}

/** The stories of a task's changes, comparing it before and after a create or update. */
export function changeStories(state: AsanaState, before: Task | undefined, after: Task, actor: User, now: Date): void {
  const story = (subtype: string, text: string) => systemStory(state, after, actor, subtype, text, now);
  const nameOf = (gid: string | null) => state.users.find((u) => u.gid === gid)?.name ?? 'someone';
  for (const m of after.memberships) {
    if (!before?.memberships.some((b) => b.projectGid === m.projectGid))
      story('added_to_project', `added to ${state.projects.find((p) => p.gid === m.projectGid)?.name ?? 'a project'}`);
  }
  if (before && before.name !== after.name) story('name_changed', `changed the name to "${after.name}"`);
  if (before && before.htmlNotes !== after.htmlNotes) story('notes_changed', 'changed the description');
  if ((before?.assigneeGid ?? null) !== after.assigneeGid) {
    if (after.assigneeGid === null) story('unassigned', `unassigned from ${nameOf(before?.assigneeGid ?? null)}`);
    else story('assigned', `assigned to ${nameOf(after.assigneeGid)}`);
  }
  const due = (t: Task | undefined) => t?.dueAt ?? t?.dueOn ?? null;
  if (due(before) !== due(after))
    story(
      'due_date_changed',
      due(after) === null ? 'removed the due date' : `changed the due date to ${shortDate(due(after) ?? '')}`,
    );
  if (before && before.completed !== after.completed)
    story(
      after.completed ? 'marked_complete' : 'marked_incomplete',
      after.completed ? 'marked this task complete' : 'marked incomplete',
    );
}

/** `2026-12-01` → `Dec 1`, as Asana writes dates in stories. */
function shortDate(date: string): string {
  return new Date(date.length === 10 ? `${date}T00:00:00Z` : date).toLocaleDateString('en-US', {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
}
