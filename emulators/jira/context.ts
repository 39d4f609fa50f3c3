import type { HttpBindings } from '@hono/node-server';
import type { Clock } from '../common/clock';
import type { PropertyIndex } from './app-index';
import type { FaultSettings } from './fault-settings';
import type { SiteState, User } from './site-state';

/**
 * What every handler can read from the context: the site as of this request, the URL the
 * caller used, through the gateway or not (so `self` links point back at it), the authenticated user and the parsed
 * JSON body, the fault knobs of the moment and the clock the site takes as now, and the
 * entity-property indexes its installed apps declare. `incoming` is there when the app runs
 * behind a Node socket, not in-process.
 */
export type JiraEnv = {
  /** `gatewayBase`: set when the request came through the API gateway (gateway.ts). */
  Bindings: Partial<HttpBindings> & { gatewayBase?: string };
  Variables: {
    site: SiteState;
    base: string;
    actor: User;
    body: unknown;
    faults: FaultSettings;
    clock: Clock;
    indexes: readonly PropertyIndex[];
  };
};
