import { Hono } from 'hono';
import { html } from 'hono/html';
import type { AsanaEnv } from '../context';
import type { AsanaState, Project, Task } from '../state';
import { page } from './page-layout';

export const projectPageRoutes = new Hono<AsanaEnv>();

/**
 * GET /0/{project_gid}/list — where Asana opens a project in its list view (the address people
 * copy from the browser, and the form Handoff links the record's project to): read-only here, the
 * project's name, team and owner, then each section with its tasks, every task a link to its page
 * (`/0/0/{task_gid}`), completed ones marked ✔. Registered before the task page, whose
 * `/0/{project}/{task}` would otherwise take `list` for a task gid.
 */
projectPageRoutes.get('/0/:project/list', (c) => {
  const { state } = c.var;
  const project = state.projects.find((p) => p.gid === c.req.param('project'));
  if (!project)
    return c.html(page('Not found', html`<p>No project ${c.req.param('project')} in the local Asana.</p>`), 404);
  const name = (gid: string | null) => state.users.find((u) => u.gid === gid)?.name ?? 'None';
  const team = state.teams.find((t) => t.gid === project.teamGid)?.name;
  return c.html(
    page(
      project.name,
      html`<h1>${project.archived ? '(archived) ' : ''}${project.name}</h1>
        <dl>
          <dt>Team</dt>
          <dd>${team ?? 'None'}</dd>
          <dt>Owner</dt>
          <dd>${name(project.ownerGid)}</dd>
          <dt>Due date</dt>
          <dd>${project.dueOn ?? 'None'}</dd>
        </dl>
        ${project.notes ? html`<div class="notes">${project.notes}</div>` : ''}
        ${sectionsOf(state, project).map(
          ({ section, tasks }) =>
            html`<h2>${section} (${tasks.length})</h2>
              ${
                tasks.length === 0
                  ? html`<p>No tasks.</p>`
                  : html`<table>
                      <thead>
                        <tr>
                          <th scope="col">Task</th>
                          <th scope="col">Assignee</th>
                          <th scope="col">Due date</th>
                        </tr>
                      </thead>
                      <tbody>
                        ${tasks.map(
                          (task) =>
                            html`<tr>
                              <td><a href="/0/0/${task.gid}">${task.name}</a>${task.completed ? ' ✔' : ''}</td>
                              <td>${name(task.assigneeGid)}</td>
                              <td>${task.dueAt ?? task.dueOn ?? 'None'}</td>
                            </tr>`,
                        )}
                      </tbody>
                    </table>`
              }`,
        )}`,
    ),
  );
});

/** The project's sections in their order, each with its tasks in the order the local Asana keeps them. */
function sectionsOf(state: AsanaState, project: Project): Array<{ section: string; tasks: Task[] }> {
  return state.sections
    .filter((s) => s.projectGid === project.gid)
    .map((s) => ({
      section: s.name,
      tasks: state.tasks.filter((t) =>
        t.memberships.some((m) => m.projectGid === project.gid && m.sectionGid === s.gid),
      ),
    }));
}
