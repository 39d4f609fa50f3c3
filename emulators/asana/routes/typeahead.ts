import { Hono } from 'hono';
import { badRequest } from '../asana-error';
import type { AsanaEnv } from '../context';
import { findWorkspace } from '../lookups';
import { pathParam, viewerOf } from '../request';
import type { Kind } from '../representation';
import { represent } from '../render';
import { selection } from '../opt-fields';

/**
 * How many matches typeahead answers by default, whatever `count` asks. Asana promises neither
 * an exhaustive answer nor how many ("should not be relied upon for accurate or exhaustive
 * search results", newest first); a small number lets a test show a miss with a dozen projects.
 */
export const TYPEAHEAD_RECENT_MATCHES = 5;

/** Words of a name as typeahead sees them: split on spaces and punctuation, hyphens kept. */
function words(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[\s[\](),:;!?]+/)
    .filter(Boolean);
}

/** Every word of the query starts some word of the name (Asana's typeahead is prefix-based, and not exhaustive). */
function matches(name: string, query: string): boolean {
  const nameWords = words(name);
  return words(query).every((q) => nameWords.some((w) => w.startsWith(q)));
}

/**
 * GET /workspaces/{workspace_gid}/typeahead — projects, users or tasks of the workspace whose
 * names match the query, compact, newest first (Asana orders by recency). `recent` (Asana's
 * way, the default) answers at most TYPEAHEAD_RECENT_MATCHES of them, so an older match is
 * missed when newer ones crowd it out; `exhaustive` answers every match up to `count`
 * (default 20, at most 100).
 */
export function typeaheadRoutes(mode: 'recent' | 'exhaustive') {
  const routes = new Hono<AsanaEnv>();
  routes.get('/workspaces/:workspace_gid/typeahead', (c) => {
    const v = viewerOf(c);
    const workspace = findWorkspace(v, pathParam(c, 'workspace_gid'));
    const type = c.req.query('resource_type') ?? c.req.query('type');
    if (!type) throw badRequest('resource_type: Missing input');
    const query = c.req.query('query') ?? '';
    const count = Math.min(100, Math.max(1, Number(c.req.query('count') ?? 20) || 20));
    const candidates: { gid: string; name: string }[] =
      type === 'project'
        ? v.state.projects.filter((p) => p.workspaceGid === workspace.gid)
        : type === 'user'
          ? v.state.users.filter((u) => workspace.memberGids.includes(u.gid))
          : type === 'task'
            ? v.state.tasks.filter((t) => t.workspaceGid === workspace.gid)
            : [];
    if (!['project', 'user', 'task'].includes(type))
      throw badRequest(`resource_type: Not one of the types the local Asana serves (project, user, task): ${type}`);
    const kind: Kind = type === 'project' ? 'project' : type === 'user' ? 'user' : 'task';
    const found = candidates
      .filter((x) => matches(x.name, query))
      .reverse()
      .slice(0, mode === 'recent' ? Math.min(count, TYPEAHEAD_RECENT_MATCHES) : count);
    return c.json({ data: found.map((x) => represent(v, kind, x.gid, selection(c) ?? 'compact')) });
  });
  return routes;
}
