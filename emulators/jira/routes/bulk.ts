import { Hono } from 'hono';
import type { JiraEnv } from '../context';
import { refOf } from '../issue-fields';
import { createIssue } from '../issue-writes';
import { JiraError, errorCollection } from '../jira-error';

export const bulkRoutes = new Hono<JiraEnv>();

const MAX_ISSUES = 50;

/**
 * POST /rest/api/3/issue/bulk — creates up to 50 issues. Each element succeeds or fails on
 * its own; failures come back as `errors[]` with `failedElementNumber` (0-based) and the
 * element's status. 201 when any issue was created, 400 when none was. Even a refusal of
 * the whole request keeps the `CreatedIssues` shape, which is all the spec allows here.
 */
bulkRoutes.post('/issue/bulk', (c) => {
  const { site, actor, base } = c.var;
  const updates = refOf(c.var.body)?.issueUpdates;
  const whole = (message: string) =>
    c.json({ issues: [], errors: [{ status: 400, elementErrors: errorCollection([message]) }] }, 400);
  if (!Array.isArray(updates) || updates.length === 0)
    return whole('Invalid request payload. Refer to the REST API documentation and try again.');
  if (updates.length > MAX_ISSUES)
    return whole(`The number of issues to create (${updates.length}) exceeds the maximum of ${MAX_ISSUES}.`);

  const now = new Date(c.var.clock.now());
  const issues: Array<{ id: string; key: string; self: string }> = [];
  const errors: Array<{ status: number; elementErrors: unknown; failedElementNumber: number }> = [];
  updates.forEach((update, failedElementNumber) => {
    try {
      const issue = createIssue(site, actor, update, now);
      issues.push({ id: issue.id, key: issue.key, self: `${base}/rest/api/3/issue/${issue.id}` });
    } catch (error) {
      if (!(error instanceof JiraError)) throw error;
      errors.push({ status: error.status, elementErrors: error.body, failedElementNumber });
    }
  });
  return c.json({ issues, errors }, issues.length > 0 ? 201 : 400);
});
