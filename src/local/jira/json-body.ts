import type { MiddlewareHandler } from 'hono';
import type { JiraEnv } from './context.ts';

/**
 * Parses the JSON body once for every later step (spec check, handler). An empty body is
 * `undefined`; text that is not JSON gets the 400 Jira answers, body and all.
 */
export function jsonBody(): MiddlewareHandler<JiraEnv> {
  return async (c, next) => {
    const text = c.req.method === 'GET' || c.req.method === 'HEAD' ? '' : await c.req.text();
    if (text.trim() === '') {
      c.set('body', undefined);
    } else {
      try {
        c.set('body', JSON.parse(text));
      } catch {
        return c.json({ errorMessages: ['There was an error parsing JSON. Check that your request body is valid.'] }, 400);
      }
    }
    await next();
  };
}
