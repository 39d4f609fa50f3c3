import { Hono } from 'hono';
import { isEmail } from '../../common/people';
import { badRequest } from '../asana-error';
import type { AsanaEnv } from '../context';
import { findUser, findWorkspace } from '../lookups';
import { dataOf, optionalString, pathParam, viewerOf } from '../request';
import { empty, list, single } from '../responses';
import { addUser } from '../seed';
import { deprovision } from '../deprovision';

export const workspaceRoutes = new Hono<AsanaEnv>();

/** GET /workspaces — the workspaces the caller is a member of. */
workspaceRoutes.get('/workspaces', (c) => {
  const { state, actor } = c.var;
  return list(
    c,
    'workspace',
    state.workspaces.filter((w) => w.memberGids.includes(actor.gid)).map((w) => w.gid),
  );
});

/** GET /workspaces/{workspace_gid} — one of them; anyone else's is 403. */
workspaceRoutes.get('/workspaces/:workspace_gid', (c) =>
  single(c, 'workspace', findWorkspace(viewerOf(c), pathParam(c, 'workspace_gid')).gid),
);

/**
 * POST /workspaces/{workspace_gid}/addUser — `{ data: { user } }`, `me`, a gid or an
 * e-mail. An e-mail nobody has yet is an invitation: the person is created (named after
 * the address) and joins at once. Adding a member again changes nothing. Answers the
 * person as UserBaseResponse.
 */
workspaceRoutes.post('/workspaces/:workspace_gid/addUser', (c) => {
  const v = viewerOf(c);
  const workspace = findWorkspace(v, pathParam(c, 'workspace_gid'));
  const ref = optionalString(dataOf(c), 'user');
  if (ref === undefined) throw badRequest('user: Missing input');
  const invited = isEmail(ref) && !v.state.users.some((u) => u.email === ref.trim().toLowerCase());
  const user = invited ? addUser(v.state, ref) : findUser(v, ref, 'user', true);
  if (!workspace.memberGids.includes(user.gid)) workspace.memberGids.push(user.gid);
  return single(c, 'user', user.gid, ['gid', 'resource_type', 'name', 'email', 'photo']);
});

/**
 * POST /workspaces/{workspace_gid}/removeUser — `{ data: { user } }`, a gid or an e-mail:
 * deprovisioning (deprovision.ts). Answers an empty data record. Asana allows it to admins
 * only; the local Asana has no admin role, so any member may.
 */
workspaceRoutes.post('/workspaces/:workspace_gid/removeUser', (c) => {
  const v = viewerOf(c);
  const workspace = findWorkspace(v, pathParam(c, 'workspace_gid'));
  const ref = optionalString(dataOf(c), 'user');
  if (ref === undefined) throw badRequest('user: Missing input');
  const user = findUser(v, ref, 'user');
  deprovision(v.state, workspace, user, v.actor, new Date(c.var.clock.now()));
  return empty(c);
});
