import type { MiddlewareHandler } from 'hono';
import type { JiraEnv } from './context.ts';
import type { SiteStore } from './site-store.ts';

/**
 * Gives each request the site as it is on disk now and writes it back after a request that
 * may have changed it. Everything between the two is synchronous, so two requests of this
 * process never interleave their changes.
 */
export function siteSession(store: SiteStore): MiddlewareHandler<JiraEnv> {
  return async (c, next) => {
    c.set('site', store.read());
    c.set('base', new URL(c.req.url).origin);
    await next();
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') store.save();
  };
}
