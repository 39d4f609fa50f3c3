import { badRequest } from './asana-error';
import type { TokenKind, Viewer } from './context';
import type { ExternalData, Task } from './state';

/**
 * Asana's custom external data (`external: { gid, data }`) is app-specific: each OAuth app
 * sees only its own, and personal access tokens, having no app, see none. The local Asana
 * has one OAuth app, so data is kept per token kind. What a PAT sends is accepted and kept
 * under its own kind, invisible to everyone: a PAT never sees `external` in a response and
 * cannot look a task up by `external:<gid>`, and the OAuth app never sees what a PAT wrote.
 * Limits are Asana's: a gid of at most 1,024 characters, data of at most 32,768; an
 * external gid names one task per app, as `external:<gid>` can stand for a task's gid.
 */

const MAX_GID = 1024;
const MAX_DATA = 32_768;

/** The external data this viewer may see on a task, if any. */
export function visibleExternal(v: Viewer, task: Task): ExternalData | undefined {
  return v.token === 'oauth' ? task.external.oauth : undefined;
}

/** The task whose external gid (as this viewer's app set it) is `externalGid`. */
export function findByExternalGid(v: Viewer, externalGid: string): Task | undefined {
  return v.token === 'oauth' ? v.state.tasks.find((t) => t.external.oauth?.gid === externalGid) : undefined;
}

/** Reads `external` of a create or update (replacing what the writer's kind had) for the writer's token kind. */
export function readExternal(v: Viewer, value: unknown, task?: Task): { kind: TokenKind; data: ExternalData } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest('external: Not an object');
  const gid = 'gid' in value ? value.gid : undefined;
  const data = 'data' in value ? value.data : undefined;
  if ((gid !== undefined && typeof gid !== 'string') || (data !== undefined && typeof data !== 'string'))
    throw badRequest('external: gid and data must be strings');
  if (gid !== undefined && gid.length > MAX_GID)
    throw badRequest(`external.gid: Must be at most ${MAX_GID} characters`);
  if (data !== undefined && data.length > MAX_DATA)
    throw badRequest(`external.data: Must be at most ${MAX_DATA} characters`);
  if (gid !== undefined && v.state.tasks.some((t) => t !== task && t.external[v.token]?.gid === gid)) {
    throw badRequest(`external.gid: Another object already has the external gid ${gid}`);
  }
  return { kind: v.token, data: { ...(gid === undefined ? {} : { gid }), ...(data === undefined ? {} : { data }) } };
}
