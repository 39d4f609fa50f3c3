import type { HttpBindings } from '@hono/node-server';
import type { Env, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';

export type StatsSnapshot = {
  total: number;
  /** `POST /rest/api/3/issue/bulk` → how many times it was called, faulted calls included. */
  requests: Record<string, number>;
  statuses: Record<string, number>;
};

/**
 * Counts requests per method and route template, so a test can prove the app used a bulk
 * endpoint or stayed inside a request budget.
 */
export function createStats<E extends Env & { Bindings: Partial<HttpBindings> }>() {
  let requests = new Map<string, number>();
  let statuses = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

  const middleware: MiddlewareHandler<E> = async (c, next) => {
    let status = 0;
    try {
      await next();
      status = c.res.status;
    } finally {
      // Named as the spec names it: `/rest/api/3/issue/{issueIdOrKey}`.
      const route = (
        matchedRoutes(c)
          .filter((r) => r.method !== 'ALL')
          .at(-1)?.path ?? c.req.path
      ).replace(/:(\w+)/g, '{$1}');
      bump(requests, `${c.req.method} ${route}`);
      // A dropped connection never delivers its status: count it as what the client saw.
      const dropped = status === 0 || c.env?.incoming?.socket?.destroyed === true;
      bump(statuses, dropped ? 'dropped' : String(status));
    }
  };

  return {
    middleware,
    snapshot(): StatsSnapshot {
      const total = [...requests.values()].reduce((a, b) => a + b, 0);
      return { total, requests: Object.fromEntries(requests), statuses: Object.fromEntries(statuses) };
    },
    reset(): void {
      requests = new Map();
      statuses = new Map();
    },
  };
}
