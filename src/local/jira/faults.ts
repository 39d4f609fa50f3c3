import type { Context, MiddlewareHandler } from 'hono';
import type { JiraEnv } from './context.ts';
import { faultSettings, type FaultSettings, type FaultSettingsInput } from './fault-settings.ts';
import { seededRandom } from './random.ts';
import { rateLimiter } from './rate-limiter.ts';

export type FaultController = {
  readonly settings: FaultSettings;
  /** Changes some knobs, keeping the others; giving `seed` (even the same one) restarts the generator. */
  update(change: Partial<FaultSettingsInput>): FaultSettings;
  middleware: MiddlewareHandler<JiraEnv>;
};

/** Raised in-process (no socket to destroy) where a real client would see "fetch failed". */
export class DroppedConnection extends TypeError {
  constructor() {
    super('fetch failed: the local Jira dropped the connection (dropRate)');
  }
}

/** The fault knobs and the middleware that applies them to every Jira API request. */
export function createFaults(initial: FaultSettingsInput = {}): FaultController {
  let settings = faultSettings.parse(initial);
  let random = seededRandom(settings.seed);
  const limiter = rateLimiter(() => settings.rateLimit);

  const middleware: MiddlewareHandler<JiraEnv> = async (c, next) => {
    c.set('faults', settings);
    if (settings.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, settings.latencyMs));
    const limited = limiter.take(c.req.method);
    for (const [name, value] of Object.entries(limited.headers)) c.header(name, value);
    if (limited.refused) return c.json({ errorMessages: ['Rate limit exceeded.'], errors: {} }, 429);

    const roll = random();
    const fault = roll < settings.dropRate ? 'drop' : roll < settings.dropRate + settings.errorRate ? 'error' : undefined;
    if (!fault) return next();
    const status = ([500, 502, 503] as const)[Math.floor(random() * 3)] ?? 500;
    if (settings.afterCommit) await next();
    const failure = fault === 'drop' ? dropConnection(c) : serverError(status);
    // After `next()` the response is already set: it must be replaced, not returned.
    if (settings.afterCommit) c.res = failure;
    return failure;
  };

  return {
    get settings() {
      return settings;
    },
    update(change) {
      const next = faultSettings.parse({ ...settings, ...change });
      if (change.seed !== undefined) random = seededRandom(next.seed); // same seed again: replay from the start
      settings = next;
      return settings;
    },
    middleware,
  };
}

/** A 502 comes from Atlassian's gateway as HTML; 500 and 503 from Jira as an ErrorCollection. */
function serverError(status: 500 | 502 | 503): Response {
  if (status === 502) {
    return new Response('<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>', { status, headers: { 'Content-Type': 'text/html' } });
  }
  return Response.json({ errorMessages: [status === 503 ? 'Service Unavailable' : 'Internal server error'], errors: {} }, { status });
}

function dropConnection(c: Context<JiraEnv>): Response {
  const socket = c.env?.incoming?.socket;
  if (!socket) throw new DroppedConnection();
  socket.destroy();
  return new Response(null, { status: 500 });
}
