import { Hono } from 'hono';
import { isEmail } from '../../common/emails.ts';
import { badRequest } from '../asana-error.ts';
import type { AsanaEnv } from '../context.ts';
import { findUser, findWorkspace } from '../lookups.ts';
import { list } from '../pagination.ts';
import { dataOf, optionalString, pathParam, viewerOf } from '../request.ts';
import { single } from '../responses.ts';
import { addUser } from '../seed.ts';

export const userRoutes = new Hono<AsanaEnv>();

/**
 * GET /users/{user_gid} — a person by `me`, e-mail or gid (how a client maps an e-mail to
 * a gid); someone the caller shares no workspace with is 403.
 */
userRoutes.get('/users/:user_gid', (c) => single(c, 'user', findUser(viewerOf(c), pathParam(c, 'user_gid')).gid));

/** GET /users?workspace= — the people of a workspace, or of all the caller's workspaces; compact unless `opt_fields` asks for `email`. */
userRoutes.get('/users', (c) => {
  const v = viewerOf(c);
  const ref = c.req.query('workspace');
  const workspaces = ref === undefined ? v.state.workspaces.filter((w) => w.memberGids.includes(v.actor.gid)) : [findWorkspace(v, ref)];
  return list(c, 'user', [...new Set(workspaces.flatMap((w) => w.memberGids))]);
});

/** GET /workspaces/{workspace_gid}/users — the same, the workspace in the path. */
userRoutes.get('/workspaces/:workspace_gid/users', (c) => list(c, 'user', findWorkspace(viewerOf(c), pathParam(c, 'workspace_gid')).memberGids));

/**
 * POST /workspaces/{workspace_gid}/addUser — `{ data: { user } }`, `me`, a gid or an
 * e-mail. An e-mail nobody has yet is an invitation: the person is created (named after
 * the address) and joins at once. Adding a member again changes nothing. Answers the
 * person as UserBaseResponse.
 */
userRoutes.post('/workspaces/:workspace_gid/addUser', (c) => {
  const v = viewerOf(c);
  const workspace = findWorkspace(v, pathParam(c, 'workspace_gid'));
  const ref = optionalString(dataOf(c), 'user');
  if (ref === undefined) throw badRequest('user: Missing input');
  const invited = isEmail(ref) && !v.state.users.some((u) => u.email === ref.trim().toLowerCase());
  const user = invited ? addUser(v.state, ref) : findUser(v, ref, 'user', true);
  if (!workspace.memberGids.includes(user.gid)) workspace.memberGids.push(user.gid);
  return single(c, 'user', user.gid, ['gid', 'resource_type', 'name', 'email', 'photo']);
});
