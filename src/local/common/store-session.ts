import type { Context, Env, MiddlewareHandler } from 'hono';
import type { JsonStore } from './json-store.ts';

/**
 * Gives each request the state as it is on disk now (through `attach`) and writes it back
 * after a request that may have changed it. Everything between the two is synchronous, so
 * two requests of this process never interleave their changes.
 */
export function storeSession<E extends Env, T>(store: JsonStore<T>, attach: (c: Context<E>, state: T) => void): MiddlewareHandler<E> {
  return async (c, next) => {
    attach(c, store.read());
    await next();
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') store.save();
  };
}
