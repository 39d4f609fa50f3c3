import type { Context } from 'hono';
import type { AsanaEnv } from './context';

/** `opt_fields=name,assignee.name,memberships.section` as a tree: name → the fields below it. */
export type Selection = Map<string, Selection>;

/**
 * Reads `opt_fields` (comma-separated, possibly repeated; a leading `this.` allowed). The
 * names `offset`, `path` and `uri` that list endpoints list among their fields select the
 * pagination fields, which a paginated list always has: they select nothing on the items.
 */
export function selection(c: Context<AsanaEnv>): Selection | undefined {
  const paths = (c.req.queries('opt_fields') ?? [])
    .flatMap((v) => v.split(','))
    .map((p) => p.trim().replace(/^this\./, ''))
    .filter(Boolean);
  if (paths.length === 0) return undefined;
  const root: Selection = new Map();
  for (const path of paths) {
    let node = root;
    for (const name of path.split('.')) {
      let child = node.get(name);
      if (!child) {
        child = new Map();
        node.set(name, child);
      }
      node = child;
    }
  }
  for (const name of ['offset', 'path', 'uri']) if (root.get(name)?.size === 0) root.delete(name);
  return root;
}
