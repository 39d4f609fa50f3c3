import type { MiddlewareHandler } from 'hono';
import { AsanaError } from './asana-error.ts';
import type { AsanaEnv } from './context.ts';
import { authenticate } from './tokens.ts';

/**
 * `Authorization: Bearer <token>`, a personal access token or an OAuth access token. No
 * header, another scheme or an unknown token is `401 Not Authorized`, before any resource runs.
 */
export function bearerAuth(): MiddlewareHandler<AsanaEnv> {
  return async (c, next) => {
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const found = token === undefined ? undefined : authenticate(c.var.state.users, token);
    if (!found) throw new AsanaError(401, 'Not Authorized');
    c.set('actor', found.user);
    c.set('token', found.kind);
    await next();
  };
}
