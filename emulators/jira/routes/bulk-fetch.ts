import { Hono } from 'hono';
import type { JiraEnv } from '../context';
import { selectFields, selectProperties } from '../field-selection';
import { refOf } from '../issue-fields';
import { badRequest } from '../jira-error';
import { findIssue, projectOf } from '../lookups';
import { hasProjectPermission } from '../permissions';
import { issueJson } from '../render-issue';

export const bulkFetchRoutes = new Hono<JiraEnv>();

/** Jira's documented maximum of `issueIdsOrKeys` in one bulk fetch. */
const FETCH_MAX = 100;

/**
 * POST /rest/api/3/issue/bulkfetch — `{ issueIdsOrKeys (ids and keys mixed, ≤ 100), fields,
 * properties }`. A direct read, not the search index: an issue created a moment ago is there.
 * Issues that do not exist or that the caller may not see are left out without an error, as
 * the spec says; the issues come back in the order asked.
 */
bulkFetchRoutes.post('/issue/bulkfetch', (c) => {
  const { site, actor, base } = c.var;
  const body = refOf(c.var.body) ?? {};
  const asked = Array.isArray(body.issueIdsOrKeys) ? body.issueIdsOrKeys.filter((v) => typeof v === 'string') : [];
  if (asked.length === 0) throw badRequest('issueIdsOrKeys must contain at least one issue ID or key.');
  if (asked.length > FETCH_MAX) throw badRequest(`The number of issues requested exceeds the maximum of ${FETCH_MAX}.`);
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v) => typeof v === 'string') : undefined);
  const view = {
    fields: selectFields(strings(body.fields), '*all'),
    properties: selectProperties(strings(body.properties)),
    viewer: actor,
  };
  const issues = [...new Set(asked)].flatMap((idOrKey) => {
    const issue = findIssue(site, idOrKey);
    return issue && hasProjectPermission(actor, projectOf(site, issue), 'BROWSE_PROJECTS') ? [issue] : [];
  });
  return c.json({ issues: issues.map((issue) => issueJson(site, base, issue, view)), issueErrors: [] });
});
