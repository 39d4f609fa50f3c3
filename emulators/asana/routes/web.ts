import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import type { AsanaEnv, Viewer } from '../context';
import type { AsanaState, Task } from '../state';
import { page } from './page-layout';
import { projectPageRoutes } from './web-project';

export const webRoutes = new Hono<AsanaEnv>();
// First: `/0/{project}/list` is the project page, not a task called `list`.
webRoutes.route('/', projectPageRoutes);

/**
 * `permalink_url`: Asana's web address shape (`/0/<project>/<task>`), on the emulator's own
 * host, where the page below shows the object.
 */
export function webUrl(v: Viewer, ...gids: string[]): string {
  return `${v.base.replace(/\/api\/1\.0$/, '')}/0/${gids.join('/')}`;
}

/**
 * GET /0/{project_gid}/{task_gid} — where a task's `permalink_url` points, and `/0/0/{task_gid}`,
 * the project-less form Handoff links to (Asana opens both): the task as a person checks what
 * the app made of a promise — name, assignee, due date, its project and section, parent,
 * dependencies and dependents as links to their own pages, notes, and the comments.
 */
webRoutes.get('/0/:project/:task', (c) => {
  const { state } = c.var;
  const task = state.tasks.find((t) => t.gid === c.req.param('task'));
  if (!task) return c.html(page('Not found', html`<p>No task ${c.req.param('task')} in the local Asana.</p>`), 404);
  const name = (gid: string | null) => state.users.find((u) => u.gid === gid)?.name ?? 'Unassigned';
  const parent = state.tasks.find((t) => t.gid === task.parentGid);
  const places = task.memberships.map(
    (m) =>
      `${state.projects.find((p) => p.gid === m.projectGid)?.name ?? m.projectGid} › ` +
      `${state.sections.find((s) => s.gid === m.sectionGid)?.name ?? ''}`,
  );
  const comments = state.stories.filter((s) => s.taskGid === task.gid && s.resourceSubtype === 'comment_added');
  return c.html(
    page(
      task.name,
      html`<h1>${task.completed ? '✔ ' : ''}${task.name}</h1>
        <dl>
          <dt>Assignee</dt>
          <dd>${name(task.assigneeGid)}</dd>
          <dt>Due date</dt>
          <dd>${task.dueAt ?? task.dueOn ?? 'None'}</dd>
          <dt>Project</dt>
          <dd>${places.join(' · ') || 'None'}</dd>
          ${
            parent
              ? html`<dt>Parent</dt>
                  <dd><a href="/0/0/${parent.gid}">${parent.name}</a></dd>`
              : ''
          }
          <dt>Depends on</dt>
          <dd>${taskList(state, task.dependencyGids)}</dd>
          <dt>Blocks</dt>
          <dd>${taskList(state, dependentsOf(state, task))}</dd>
        </dl>
        <h2>Notes</h2>
        <div class="notes">${task.notes || 'None'}</div>
        <h2>Comments (${comments.length})</h2>
        ${comments.map(
          (story) =>
            html`<div class="comment">
              <p><strong>${name(story.createdByGid)}</strong> <small>${story.createdAt}</small></p>
              <div class="notes">${story.text}</div>
            </div>`,
        )}`,
    ),
  );
});

function dependentsOf(state: AsanaState, task: Task): string[] {
  return state.tasks.filter((t) => t.dependencyGids.includes(task.gid)).map((t) => t.gid);
}

/** Tasks by gid, each a link to its page (a task since deleted keeps its gid, unlinked). */
function taskList(state: AsanaState, gids: readonly string[]) {
  if (gids.length === 0) return raw('None');
  return html`<ul>
    ${gids.map((gid) => {
      const other = state.tasks.find((t) => t.gid === gid);
      return other
        ? html`<li><a href="/0/0/${gid}">${other.name}</a>${other.completed ? ' ✔' : ''}</li>`
        : html`<li>${gid}</li>`;
    })}
  </ul>`;
}
