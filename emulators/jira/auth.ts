import type { MiddlewareHandler } from 'hono';
import type { JiraEnv } from './context';
import { JiraError } from './jira-error';

/**
 * HTTP Basic with an e-mail and an API token, as Jira Cloud takes it from scripts. Anything
 * else (no header, a wrong token, a password) is refused before any resource runs, with the
 * sentence Jira Cloud's edge answers.
 */
export function basicAuth(): MiddlewareHandler<JiraEnv> {
  return async (c, next) => {
    const credentials = decodeBasic(c.req.header('authorization'));
    const user =
      credentials &&
      c.var.site.users.find((u) => u.email === credentials.email.toLowerCase() && u.apiToken === credentials.token);
    if (!user || !user.active) {
      throw new JiraError(401, 'Client must be authenticated to access this resource.', {
        'WWW-Authenticate': 'Basic realm="local-jira"',
      });
    }
    c.set('actor', user);
    await next();
  };
}

function decodeBasic(header: string | undefined): { email: string; token: string } | undefined {
  const encoded = /^Basic\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 ? { email: decoded.slice(0, colon), token: decoded.slice(colon + 1) } : undefined;
}
