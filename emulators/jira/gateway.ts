import type { Context } from 'hono';
import type { JiraEnv } from './context';

/**
 * Atlassian's API gateway in front of the site. Scoped API tokens and service accounts must
 * call `https://api.atlassian.com/ex/jira/{cloudId}/rest/api/3/…` instead of the site's own
 * URL; the answers are the site's, with the same Basic auth, and their `self` links point
 * back through the gateway. Browse links stay on the site (`/browse/KEY`). Here the gateway
 * is served by the site itself, under `/ex/jira/{cloudId}`.
 */

/** The local site's cloud id, as `GET /_edge/tenant_info` answers it on a real site. */
export const LOCAL_CLOUD_ID = '5b1e2c8a-4f0d-4c7e-9a51-7d3e6f20c1aa';

export const GATEWAY_PREFIX = '/ex/jira';

/** `GET /_edge/tenant_info` — unauthenticated on Jira Cloud: how a client learns the cloud id of a site. */
export function tenantInfo(c: Context<JiraEnv>): Response {
  return c.json({ cloudId: LOCAL_CLOUD_ID });
}

/**
 * Answers `/ex/jira/{cloudId}/rest/…` as the site answers `/rest/…`, by handing the request,
 * prefix stripped, to the site's own `fetch`; `gatewayBase` tells it where its `self` links
 * point. Another cloud id is no site of this gateway: 404.
 */
export async function throughGateway(
  c: Context<JiraEnv>,
  fetchSite: (request: Request, env: JiraEnv['Bindings']) => Response | Promise<Response>,
): Promise<Response> {
  const cloudId = c.req.param('cloudId');
  const prefix = `${GATEWAY_PREFIX}/${cloudId ?? ''}`;
  if (cloudId !== LOCAL_CLOUD_ID) {
    return c.json({ errorMessages: [`No Jira site with cloud id '${cloudId ?? ''}' is served here.`] }, 404);
  }
  const url = new URL(c.req.url);
  url.pathname = url.pathname.slice(prefix.length);
  const method = c.req.method;
  const body = method === 'GET' || method === 'HEAD' ? undefined : await c.req.arrayBuffer();
  const request = new Request(url, { method, headers: c.req.raw.headers, body });
  return fetchSite(request, { ...c.env, gatewayBase: `${url.origin}${prefix}` });
}
