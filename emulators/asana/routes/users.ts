import { Hono } from 'hono';
import type { AsanaEnv } from '../context';
import { findUser, findWorkspace } from '../lookups';
import { pathParam, viewerOf } from '../request';
import { list, single } from '../responses';

export const userRoutes = new Hono<AsanaEnv>();

/**
 * GET /users/{user_gid} — a person by `me`, e-mail or gid (how a client maps an e-mail to
 * a gid); someone the caller shares no workspace with is 403.
 */
userRoutes.get('/users/:user_gid', (c) => single(c, 'user', findUser(viewerOf(c), pathParam(c, 'user_gid')).gid));

/**
 * GET /users?workspace= — the people of a workspace, or of all the
 * caller's workspaces; compact unless `opt_fields` asks for `email`.
 */
userRoutes.get('/users', (c) => {
  const v = viewerOf(c);
  const ref = c.req.query('workspace');
  const workspaces =
    ref === undefined ? v.state.workspaces.filter((w) => w.memberGids.includes(v.actor.gid)) : [findWorkspace(v, ref)];
  return list(c, 'user', [...new Set(workspaces.flatMap((w) => w.memberGids))]);
});

/** GET /workspaces/{workspace_gid}/users — the same, the workspace in the path. */
userRoutes.get('/workspaces/:workspace_gid/users', (c) =>
  list(c, 'user', findWorkspace(viewerOf(c), pathParam(c, 'workspace_gid')).memberGids),
);
