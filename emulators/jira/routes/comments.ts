import { Hono } from 'hono';
import { isAdfDocument, isTooLong, TOO_LONG } from '../adf';
import type { JiraEnv } from '../context';
import { refOf } from '../issue-fields';
import { JiraError, badRequest, errorCollection } from '../jira-error';
import { browsableIssue, jiraTime } from '../lookups';
import { hasProjectPermission } from '../permissions';
import { commentJson } from '../render-issue';
import { pathParam, queryInt } from '../request-params';
import { nextId } from '../site-state';

export const commentRoutes = new Hono<JiraEnv>();

/** GET /rest/api/3/issue/{issueIdOrKey}/comment — a page of comments, oldest first (or `orderBy=-created`). */
commentRoutes.get('/issue/:issueIdOrKey/comment', (c) => {
  const { site, actor, base } = c.var;
  const { issue } = browsableIssue(site, actor, pathParam(c, 'issueIdOrKey'));
  const startAt = Math.max(0, queryInt(c, 'startAt', 0));
  const maxResults = Math.max(0, Math.min(5000, queryInt(c, 'maxResults', 5000)));
  const ordered = c.req.query('orderBy') === '-created' ? [...issue.comments].reverse() : issue.comments;
  return c.json({
    startAt,
    maxResults,
    total: issue.comments.length,
    comments: ordered
      .slice(startAt, startAt + maxResults)
      .map((comment) => commentJson(site, base, issue, comment, actor)),
  });
});

/**
 * POST /rest/api/3/issue/{issueIdOrKey}/comment — `{ body: ADF }`; 201 with the comment.
 * The spec has no 403 here: Jira says 400 when one may not comment.
 */
commentRoutes.post('/issue/:issueIdOrKey/comment', (c) => {
  const { site, actor, base } = c.var;
  const { issue, project } = browsableIssue(site, actor, pathParam(c, 'issueIdOrKey'));
  if (!hasProjectPermission(actor, project, 'ADD_COMMENTS'))
    throw badRequest('You do not have the permission to comment on this issue.');
  const body = refOf(c.var.body)?.body;
  if (body === undefined) throw new JiraError(400, errorCollection([], { comment: 'Comment body can not be empty!' }));
  if (!isAdfDocument(body)) throw new JiraError(400, errorCollection([], { comment: 'Comment body is not valid!' }));
  if (isTooLong(body)) throw new JiraError(400, errorCollection([], { comment: TOO_LONG }));
  const stamp = jiraTime(new Date(c.var.clock.now()));
  const comment = { id: nextId(site), authorId: actor.accountId, body, created: stamp, updated: stamp };
  issue.comments.push(comment);
  issue.updated = stamp;
  return c.json(commentJson(site, base, issue, comment, actor), 201);
});
