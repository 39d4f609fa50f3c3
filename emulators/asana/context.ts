import type { HttpBindings } from '@hono/node-server';
import type { Clock } from '../common/clock';
import type { AsanaState, User } from './state';

/** Which kind of token authenticated the request: Asana shows `external` data to OAuth apps only. */
export type TokenKind = 'oauth' | 'pat';

/**
 * What every handler can read from the context: the state as of this request, the API base
 * the caller used (`http://host:port/api/1.0`, for `next_page.uri`), the authenticated user
 * and token kind, the parsed JSON body, and the clock it takes as now. `incoming` is there behind a Node socket;
 * `batchAction` marks a request the Batch API dispatched in-process (no client can set it).
 */
export type AsanaEnv = {
  Bindings: Partial<HttpBindings> & { batchAction?: boolean };
  Variables: { state: AsanaState; base: string; actor: User; token: TokenKind; body: unknown; clock: Clock };
};

/** Who is looking, for the views: what they may see and how links are written. */
export type Viewer = { state: AsanaState; actor: User; token: TokenKind; base: string };
