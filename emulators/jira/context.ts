import type { HttpBindings } from '@hono/node-server';
import type { FaultSettings } from './fault-settings.ts';
import type { SiteState, User } from './site-state.ts';

/**
 * What every handler can read from the context: the site as of this request, the URL the
 * caller used (so `self` links point back at it), the authenticated user and the parsed
 * JSON body, and the fault knobs of the moment. `incoming` is there when the app runs
 * behind a Node socket, not in-process.
 */
export type JiraEnv = {
  Bindings: Partial<HttpBindings>;
  Variables: { site: SiteState; base: string; actor: User; body: unknown; faults: FaultSettings };
};
