import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { JiraEnv } from './context';

/**
 * An answer with no body that still says `application/json`, as the spec declares for
 * `POST /issueLink` (201) and `PUT …/properties/{key}` (200, 201) and as Jira sends it: a
 * client that parses JSON by media type must cope with the empty body (b1ff/atlassian-dc-mcp#64
 * met exactly this on `POST /issueLink`).
 */
export function emptyJson(c: Context<JiraEnv>, status: ContentfulStatusCode): Response {
  return c.body(null, status, { 'Content-Type': 'application/json;charset=UTF-8' });
}
