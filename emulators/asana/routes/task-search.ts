import { Hono } from 'hono';
import { badRequest, paymentRequired } from '../asana-error';
import type { AsanaEnv } from '../context';
import { findWorkspace } from '../lookups';
import { pathParam, viewerOf } from '../request';
import { represent } from '../render';
import { selection } from '../opt-fields';

export const taskSearchRoutes = new Hono<AsanaEnv>();

/**
 * GET /workspaces/{workspace_gid}/tasks/search — premium only: a free workspace answers 402
 * with the message Asana's users report (Credal-ai/actions-sdk#155), which is how a client
 * tells the workspace's tier. Minimal: it honours `text` (in the name or notes) and `limit`
 * (at most 100, default 20), newest change first as Asana sorts by default, with no `next_page`
 * (Asana's search does not paginate).
 */
taskSearchRoutes.get('/workspaces/:workspace_gid/tasks/search', (c) => {
  const v = viewerOf(c);
  const workspace = findWorkspace(v, pathParam(c, 'workspace_gid'));
  if (!workspace.premium) throw paymentRequired('Search is only available to premium users.');
  const limit = Number(c.req.query('limit') ?? 20);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw badRequest('limit: Must be between 1 and 100');
  const text = c.req.query('text')?.toLowerCase();
  const found = v.state.tasks
    .filter((t) => t.workspaceGid === workspace.gid)
    .filter((t) => text === undefined || `${t.name}\n${t.notes}`.toLowerCase().includes(text))
    .sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt))
    .slice(0, limit);
  const shape = selection(c) ?? 'compact';
  return c.json({ data: found.map((t) => represent(v, 'task', t.gid, shape)) });
});
