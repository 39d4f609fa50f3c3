import type { Context, Env, MiddlewareHandler } from 'hono';

/**
 * Parses the JSON body once for every later step (faults, spec check, handler), handing it
 * to `keep`. An empty body is `undefined`; text that is not JSON gets the emulated API's 400.
 */
export function jsonBody<E extends Env>(
  keep: (c: Context<E>, body: unknown) => void,
  invalid: (c: Context<E>) => Response,
): MiddlewareHandler<E> {
  return async (c, next) => {
    const text = c.req.method === 'GET' || c.req.method === 'HEAD' ? '' : await c.req.text();
    if (text.trim() === '') {
      keep(c, undefined);
    } else {
      try {
        keep(c, JSON.parse(text));
      } catch {
        return invalid(c);
      }
    }
    await next();
  };
}
