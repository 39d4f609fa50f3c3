import { Hono } from 'hono';
import type { JiraEnv } from '../context';
import { browsableIssue, findUser } from '../lookups';
import { userJson } from '../render-user';
import { pathParam, queryInt } from '../request-params';

export const changelogRoutes = new Hono<JiraEnv>();

/**
 * GET /rest/api/3/issue/{issueIdOrKey}/changelog?startAt=&maxResults= — the issue's history,
 * oldest first, a page at a time (at most 100): who changed which fields, when. This is how a
 * client learns who moved an issue to a status.
 */
changelogRoutes.get('/issue/:issueIdOrKey/changelog', (c) => {
  const { site, actor, base } = c.var;
  const { issue } = browsableIssue(site, actor, pathParam(c, 'issueIdOrKey'));
  const startAt = Math.max(0, queryInt(c, 'startAt', 0));
  const maxResults = Math.max(1, Math.min(100, queryInt(c, 'maxResults', 100)));
  const page = issue.changelog.slice(startAt, startAt + maxResults);
  const isLast = startAt + page.length >= issue.changelog.length;
  const self = (at: number) => `${base}/rest/api/3/issue/${issue.key}/changelog?startAt=${at}&maxResults=${maxResults}`;
  return c.json({
    self: self(startAt),
    maxResults,
    startAt,
    total: issue.changelog.length,
    isLast,
    ...(isLast ? {} : { nextPage: self(startAt + page.length) }),
    values: page.map((entry) => {
      const author = findUser(site, entry.authorId);
      return {
        id: entry.id,
        ...(author ? { author: userJson(base, author, c.var.actor) } : {}),
        created: entry.created,
        items: entry.items.map((i) => ({ ...i, fieldtype: 'jira' })),
      };
    }),
  });
});
