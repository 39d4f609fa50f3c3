import { Hono } from 'hono';
import type { AsanaEnv } from '../context.ts';
import { findWorkspace } from '../lookups.ts';
import { list } from '../pagination.ts';
import { pathParam, viewerOf } from '../request.ts';
import { single } from '../responses.ts';

export const workspaceRoutes = new Hono<AsanaEnv>();

/** GET /workspaces — the workspaces the caller is a member of. */
workspaceRoutes.get('/workspaces', (c) => {
  const { state, actor } = c.var;
  return list(c, 'workspace', state.workspaces.filter((w) => w.memberGids.includes(actor.gid)).map((w) => w.gid));
});

/** GET /workspaces/{workspace_gid} — one of them; anyone else's is 403. */
workspaceRoutes.get('/workspaces/:workspace_gid', (c) => single(c, 'workspace', findWorkspace(viewerOf(c), pathParam(c, 'workspace_gid')).gid));
