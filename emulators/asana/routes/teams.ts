import { Hono } from 'hono';
import { badRequest } from '../asana-error';
import type { AsanaEnv } from '../context';
import { findTeam, findUser, findWorkspace } from '../lookups';
import { pathParam, viewerOf } from '../request';
import { list, single } from '../responses';

/** An organization's teams: what a caller reads to know where a project may go. */
export const teamRoutes = new Hono<AsanaEnv>();

/** GET /teams/{team_gid} — one team of an organization the caller is in; anyone else's is 403. */
teamRoutes.get('/teams/:team_gid', (c) => single(c, 'team', findTeam(viewerOf(c), pathParam(c, 'team_gid')).gid));

/** GET /workspaces/{workspace_gid}/teams — every team of the organization (none in a plain workspace). */
teamRoutes.get('/workspaces/:workspace_gid/teams', (c) => {
  const workspace = findWorkspace(viewerOf(c), pathParam(c, 'workspace_gid'));
  return list(
    c,
    'team',
    c.var.state.teams.filter((t) => t.workspaceGid === workspace.gid).map((t) => t.gid),
  );
});

/**
 * GET /users/{user_gid}/teams?organization= — the teams of that organization the person is a
 * member of. `organization` is required, as the spec has it.
 */
teamRoutes.get('/users/:user_gid/teams', (c) => {
  const v = viewerOf(c);
  const user = findUser(v, pathParam(c, 'user_gid'));
  const ref = c.req.query('organization');
  if (ref === undefined) throw badRequest('organization: Missing input');
  const workspace = findWorkspace(v, ref, 'organization');
  return list(
    c,
    'team',
    v.state.teams.filter((t) => t.workspaceGid === workspace.gid && t.memberGids.includes(user.gid)).map((t) => t.gid),
  );
});
