import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { badRequest } from './asana-error';
import type { AsanaEnv } from './context';
import { selection } from './opt-fields';
import { represent, type Shape } from './render';
import type { Kind } from './representation';
import { viewerOf } from './request';

/** `{ data: <object> }`, in the endpoint's form unless `opt_fields` chose the fields. */
export function single(c: Context<AsanaEnv>, kind: Kind, gid: string, form: Shape = 'full') {
  return c.json({ data: represent(viewerOf(c), kind, gid, selection(c) ?? form) });
}

/** 201 with the new object and, as Asana sends it, its address in `Location`. */
export function created(c: Context<AsanaEnv>, kind: Kind, gid: string, path: string, form: Shape = 'full') {
  return c.json({ data: represent(viewerOf(c), kind, gid, selection(c) ?? form) }, 201, { Location: path });
}

/** `{ data: {} }`: what Asana answers for actions that return nothing (addDependencies). */
export function empty(c: Context<AsanaEnv>) {
  return c.json({ data: {} });
}

/** Beyond this, a list asked for without `limit` is refused, as Asana refuses it. */
const MAX_UNPAGINATED = 1000;

/**
 * A list, compact unless `opt_fields` says otherwise. Without `limit` every item comes at
 * once (Asana's "grandfathered" lists) and there is no `next_page`; with `limit` (1–100) a
 * page comes with `next_page: { offset, path, uri }`, or `next_page: null` on the last
 * page. An offset only works for the query that made it.
 */
export function list(c: Context<AsanaEnv>, kind: Kind, gids: readonly string[]) {
  const v = viewerOf(c);
  const shape = selection(c) ?? 'compact';
  const limitText = c.req.query('limit');
  if (limitText === undefined) {
    if (gids.length > MAX_UNPAGINATED)
      throw badRequest('The result is too large. You should use pagination (may require specifying a workspace)!');
    return c.json({ data: gids.map((gid) => represent(v, kind, gid, shape)) });
  }
  const limit = Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw badRequest('limit: Must be between 1 and 100');
  const query = new URL(c.req.url).searchParams;
  const offset = query.get('offset');
  const start = offset === null ? 0 : readOffset(offset, fingerprint(c.req.path, query));
  const page = gids.slice(start, start + limit);
  const end = start + page.length;
  let nextPage = null;
  if (end < gids.length) {
    const token = Buffer.from(JSON.stringify({ at: end, query: fingerprint(c.req.path, query) })).toString('base64url');
    query.set('offset', token);
    const path = `${c.req.path.replace(/^\/api\/1\.0/, '')}?${query}`;
    nextPage = { offset: token, path, uri: `${c.var.base}${path}` };
  }
  return c.json({ data: page.map((gid) => represent(v, kind, gid, shape)), next_page: nextPage });
}

/** What a page's query selects (not how much, nor which fields), which its offsets are bound to. */
function fingerprint(path: string, query: URLSearchParams): string {
  const filters = [...query].filter(([name]) => !['offset', 'limit', 'opt_fields', 'opt_pretty'].includes(name)).sort();
  return createHash('sha256')
    .update(JSON.stringify([path, filters]))
    .digest('hex')
    .slice(0, 16);
}

function readOffset(token: string, expected: string): number {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (
      typeof decoded === 'object' &&
      decoded !== null &&
      'at' in decoded &&
      'query' in decoded &&
      typeof decoded.at === 'number' &&
      decoded.at >= 0 &&
      decoded.query === expected
    )
      return decoded.at;
  } catch {
    // not a token of ours: answered below
  }
  throw badRequest('offset: Your pagination token is invalid or has expired');
}
