import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { JiraEnv } from '../context';
import { selectFields, selectProperties } from '../field-selection';
import { refOf } from '../issue-fields';
import { badRequest } from '../jira-error';
import { findIssues } from '../jql/find-issues';
import { parseJql } from '../jql/parser';
import { issueJson } from '../render-issue';
import { queryList } from '../request-params';

export const searchRoutes = new Hono<JiraEnv>();

type SearchRequest = {
  jql: string;
  fields?: string[];
  properties?: string[];
  maxResults: number;
  nextPageToken?: string;
  reconcileIssues: string[];
};

/** POST /rest/api/3/search/jql — `{ jql, fields, properties, maxResults, nextPageToken }`. */
searchRoutes.post('/search/jql', (c) => {
  const body = refOf(c.var.body) ?? {};
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v) => typeof v === 'string') : undefined);
  return search(c, {
    jql: typeof body.jql === 'string' ? body.jql : '',
    fields: strings(body.fields),
    properties: strings(body.properties),
    maxResults: typeof body.maxResults === 'number' ? body.maxResults : 50,
    nextPageToken: typeof body.nextPageToken === 'string' ? body.nextPageToken : undefined,
    reconcileIssues: Array.isArray(body.reconcileIssues) ? body.reconcileIssues.map(String) : [],
  });
});

/** GET /rest/api/3/search/jql?jql=&fields=&properties=&maxResults=&nextPageToken= — the same, in the query. */
searchRoutes.get('/search/jql', (c) =>
  search(c, {
    jql: c.req.query('jql') ?? '',
    fields: queryList(c, 'fields'),
    properties: queryList(c, 'properties'),
    maxResults: Number(c.req.query('maxResults') ?? 50),
    nextPageToken: c.req.query('nextPageToken'),
    reconcileIssues: queryList(c, 'reconcileIssues') ?? [],
  }),
);

/**
 * Token pagination as the spec describes it: `nextPageToken` while more issues follow,
 * absent on the last page, `isLast` always. A page holds at most 5000 issues when only ids
 * or keys are asked for, and 100 otherwise. A token only works for the query that made it.
 * Issues created within the `searchLagMs` fault are not indexed yet unless reconciled.
 */
function search(c: Context<JiraEnv>, request: SearchRequest) {
  const { site, actor, base } = c.var;
  const query = parseJql(request.jql);
  if (!query.where)
    throw badRequest('Unbounded JQL queries are not allowed here. Please add a search restriction to your query.');
  if (!Number.isInteger(request.maxResults) || request.maxResults < 1 || request.maxResults > 5000) {
    throw badRequest('The max results parameter has to be between 1 and 5,000.');
  }
  const fields = selectFields(request.fields, 'id');
  const properties = selectProperties(request.properties);
  if (properties !== '*all' && properties.length > 5)
    throw badRequest('A maximum of 5 issue properties can be requested.');
  const found = findIssues(query, {
    site,
    actor,
    indexes: c.var.indexes,
    indexedBefore: c.var.clock.now() - c.var.faults.searchLagMs,
    reconcile: request.reconcileIssues,
  });
  const start = request.nextPageToken === undefined ? 0 : readToken(request.nextPageToken, request.jql);
  const pageSize = Math.min(request.maxResults, fields.size === 0 ? 5000 : 100);
  const page = found.slice(start, start + pageSize);
  const isLast = start + page.length >= found.length;
  return c.json({
    issues: page.map((issue) =>
      issueJson(site, base, issue, { fields, properties, withKey: request.fields?.includes('key'), viewer: actor }),
    ),
    ...(isLast ? {} : { nextPageToken: makeToken(start + page.length, request.jql) }),
    isLast,
  });
}

const fingerprint = (jql: string) => createHash('sha256').update(jql).digest('hex').slice(0, 16);

function makeToken(offset: number, jql: string): string {
  return Buffer.from(JSON.stringify({ offset, query: fingerprint(jql) })).toString('base64url');
}

function readToken(token: string, jql: string): number {
  try {
    const decoded = refOf(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
    if (decoded && typeof decoded.offset === 'number' && decoded.offset >= 0 && decoded.query === fingerprint(jql))
      return decoded.offset;
  } catch {
    // not a token of ours: answered below as Jira answers it
  }
  throw badRequest('The provided next page token is invalid or expired.');
}
