import { Hono, type Context } from 'hono';
import { badRequest } from '../asana-error';
import type { AsanaEnv } from '../context';
import { dataOf, optionalString, pathParam, readDate, viewerOf } from '../request';
import { findProject, findTeam, findUser, findWorkspace } from '../lookups';
import { readTextPair } from '../rich-text';
import { created, empty, list, single } from '../responses';
import { asanaTime, nextGid, type Project } from '../state';

export const projectRoutes = new Hono<AsanaEnv>();

const VIEWS = ['list', 'board', 'calendar', 'timeline'] as const;

/**
 * A new project in a workspace: the caller owns, follows and is a member of it, and it
 * starts with one section, "Untitled section", as a new list project does in Asana. In an
 * organization it must be shared with a team (the path's or the data's `team`): without one,
 * Asana refuses it with the message below (seen by Asana's users, PipedreamHQ/pipedream#16651).
 */
function createProject(c: Context<AsanaEnv>, refs: { workspace?: string; team?: string }) {
  const v = viewerOf(c);
  const data = dataOf(c);
  const teamRef = refs.team ?? optionalString(data, 'team');
  const team = teamRef === undefined ? undefined : findTeam(v, teamRef);
  const ref = team?.workspaceGid ?? refs.workspace ?? optionalString(data, 'workspace');
  if (ref === undefined) throw badRequest('workspace: Missing input');
  const workspace = findWorkspace(v, ref);
  if (team && team.workspaceGid !== workspace.gid) throw badRequest('team: Not in the given workspace');
  if (workspace.isOrganization && !team) throw badRequest('Missing required `team` field');
  const notes = readTextPair(data, 'notes', 'html_notes') ?? { text: '', html: '<body></body>' };
  const owner = data.owner === null ? null : findUser(v, optionalString(data, 'owner') ?? 'me', 'owner');
  const view = optionalString(data, 'default_view') ?? 'list';
  const defaultView = VIEWS.find((name) => name === view);
  if (!defaultView) throw badRequest(`default_view: Invalid value: ${view}`);
  const now = asanaTime(new Date(c.var.clock.now()));
  const project: Project = {
    gid: nextGid(v.state),
    workspaceGid: workspace.gid,
    teamGid: team?.gid ?? null,
    name: optionalString(data, 'name') ?? '',
    notes: notes.text,
    htmlNotes: notes.html,
    color: optionalString(data, 'color') ?? null,
    archived: data.archived === true,
    ownerGid: owner?.gid ?? null,
    dueOn: readDate(data, 'due_on') ?? readDate(data, 'due_date') ?? null,
    startOn: readDate(data, 'start_on') ?? null,
    defaultView,
    memberGids: [v.actor.gid],
    followerGids: [v.actor.gid],
    createdAt: now,
    modifiedAt: now,
  };
  v.state.projects.push(project);
  v.state.sections.push({ gid: nextGid(v.state), projectGid: project.gid, name: 'Untitled section', createdAt: now });
  return created(c, 'project', project.gid, `/projects/${project.gid}`);
}

/** POST /projects — `{ data: { workspace, team?, name, notes, ... } }`; 201. */
projectRoutes.post('/projects', (c) => createProject(c, {}));

/** POST /workspaces/{workspace_gid}/projects — the same, the workspace in the path. */
projectRoutes.post('/workspaces/:workspace_gid/projects', (c) =>
  createProject(c, { workspace: pathParam(c, 'workspace_gid') }),
);

/** POST /teams/{team_gid}/projects — a project shared with the team, in its organization. */
projectRoutes.post('/teams/:team_gid/projects', (c) => createProject(c, { team: pathParam(c, 'team_gid') }));

/** GET /projects/{project_gid} — the full project. */
projectRoutes.get('/projects/:project_gid', (c) =>
  single(c, 'project', findProject(viewerOf(c), pathParam(c, 'project_gid')).gid),
);

/**
 * PUT /projects/{project_gid} — `{ data: { name, notes | html_notes, color, archived, due_on } }`:
 * only the fields given change; the full project back. Handoff keeps its run claim in the notes.
 */
projectRoutes.put('/projects/:project_gid', (c) => {
  const project = findProject(viewerOf(c), pathParam(c, 'project_gid'));
  const data = dataOf(c);
  const notes = readTextPair(data, 'notes', 'html_notes');
  if (notes) Object.assign(project, { notes: notes.text, htmlNotes: notes.html });
  const name = optionalString(data, 'name');
  if (name !== undefined) project.name = name;
  const color = optionalString(data, 'color');
  if (color !== undefined) project.color = color;
  if (typeof data.archived === 'boolean') project.archived = data.archived;
  const dueOn = readDate(data, 'due_on');
  if (dueOn !== undefined) project.dueOn = dueOn;
  project.modifiedAt = asanaTime(new Date(c.var.clock.now()));
  return single(c, 'project', project.gid);
});

/**
 * DELETE /projects/{project_gid} — the project goes, with its sections; its tasks stay in
 * the workspace, out of it. `{ data: {} }`. The live test suite cleans up with it.
 */
projectRoutes.delete('/projects/:project_gid', (c) => {
  const { state } = c.var;
  const project = findProject(viewerOf(c), pathParam(c, 'project_gid'));
  state.projects = state.projects.filter((p) => p !== project);
  state.sections = state.sections.filter((s) => s.projectGid !== project.gid);
  for (const task of state.tasks) task.memberships = task.memberships.filter((m) => m.projectGid !== project.gid);
  return empty(c);
});
/**
 * GET /projects?workspace=&archived= — a workspace's projects. Without `workspace`, the
 * caller's only workspace; one in several must say which, as Asana answers.
 */
projectRoutes.get('/projects', (c) => {
  const { state, actor } = c.var;
  const mine = state.workspaces.filter((w) => w.memberGids.includes(actor.gid));
  const ref = c.req.query('workspace') ?? (mine.length === 1 ? mine[0]?.gid : undefined);
  if (ref === undefined)
    throw badRequest('This request accesses data in multiple workspaces. Please specify a workspace or team.');
  return projectsOf(c, ref);
});

/** GET /workspaces/{workspace_gid}/projects?archived= — the same, the workspace in the path. */
projectRoutes.get('/workspaces/:workspace_gid/projects', (c) => projectsOf(c, pathParam(c, 'workspace_gid')));

function projectsOf(c: Context<AsanaEnv>, workspaceRef: string) {
  const workspace = findWorkspace(viewerOf(c), workspaceRef);
  const archived = c.req.query('archived');
  const found = c.var.state.projects.filter(
    (p) => p.workspaceGid === workspace.gid && (archived === undefined || String(p.archived) === archived),
  );
  return list(
    c,
    'project',
    found.map((p) => p.gid),
  );
}
