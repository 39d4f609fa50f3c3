import { Hono } from 'hono';
import { html } from 'hono/html';
import type { AsanaEnv, Viewer } from '../context';

export const webRoutes = new Hono<AsanaEnv>();

/**
 * `permalink_url`: Asana's web address shape (`/0/<project>/<task>`), on the emulator's own
 * host, where the page below shows the object.
 */
export function webUrl(v: Viewer, ...gids: string[]): string {
  return `${v.base.replace(/\/api\/1\.0$/, '')}/0/${gids.join('/')}`;
}

/**
 * GET /0/{project_gid}/{task_gid} — where a task's `permalink_url` points (Asana's web
 * address shape, on the emulator's host): a plain page with what a person would look at.
 * No login, like the local Jira's issue pages; it is a local development tool.
 */
webRoutes.get('/0/:project/:task', (c) => {
  const { state } = c.var;
  const task = state.tasks.find((t) => t.gid === c.req.param('task'));
  if (!task)
    return c.html(
      html`<!doctype html><title>Not found</title>
        <p>No task ${c.req.param('task')} in the local Asana.</p>`,
      404,
    );
  const name = (gid: string | null) => state.users.find((u) => u.gid === gid)?.name ?? 'Unassigned';
  const titled = (gids: readonly string[]) =>
    gids.map((gid) => state.tasks.find((t) => t.gid === gid)?.name ?? gid).join(', ') || '—';
  const places = task.memberships.map(
    (m) =>
      `${state.projects.find((p) => p.gid === m.projectGid)?.name ?? m.projectGid} ` +
      `› ${state.sections.find((s) => s.gid === m.sectionGid)?.name ?? ''}`,
  );
  const comments = state.stories.filter((s) => s.taskGid === task.gid && s.resourceSubtype === 'comment_added');
  return c.html(
    html`<!doctype html>
      <html>
        <head>
          <meta charset="utf-8" />
          <title>${task.name} · local Asana</title>
        </head>
        <body style="font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto">
          <h1>${task.completed ? '✔ ' : ''}${task.name}</h1>
          <p>${places.join(' · ')}</p>
          <dl>
            <dt>Assignee</dt>
            <dd>${name(task.assigneeGid)}</dd>
            <dt>Due</dt>
            <dd>${task.dueAt ?? task.dueOn ?? '—'}</dd>
            <dt>Depends on</dt>
            <dd>${titled(task.dependencyGids)}</dd>
            <dt>Blocks</dt>
            <dd>${titled(state.tasks.filter((t) => t.dependencyGids.includes(task.gid)).map((t) => t.gid))}</dd>
          </dl>
          <pre style="white-space: pre-wrap">${task.notes}</pre>
          ${comments.map((s) => html`<blockquote><b>${name(s.createdByGid)}</b>: ${s.text}</blockquote>`)}
        </body>
      </html>`,
  );
});
