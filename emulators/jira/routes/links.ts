import { Hono } from 'hono';
import { isAdfDocument, isTooLong, TOO_LONG } from '../adf';
import type { JiraEnv } from '../context';
import { emptyJson } from '../empty-json';
import { refOf } from '../issue-fields';
import { JiraError, badRequest, errorCollection, notFound } from '../jira-error';
import { browsableIssue, jiraTime } from '../lookups';
import { hasProjectPermission } from '../permissions';
import { linkedIssueJson } from '../render-issue';
import { linkTypeJson } from '../render-meta';
import { pathParam } from '../request-params';
import { nextId, type Issue, type SiteState, type User } from '../site-state';

export const linkRoutes = new Hono<JiraEnv>();

/** GET /rest/api/3/issueLinkType — the site's link types. */
linkRoutes.get('/issueLinkType', (c) =>
  c.json({ issueLinkTypes: c.var.site.linkTypes.map((t) => linkTypeJson(c.var.base, t)) }),
);

/**
 * POST /rest/api/3/issueLink — `{ type: {name}|{id}, inwardIssue, outwardIssue }`. As on
 * Jira Cloud, the `inwardIssue` is the one the outward phrase is said of: with Blocks,
 * `inwardIssue` blocks `outwardIssue`. 201, empty body typed as JSON, `Location` of the new link. Linking
 * the same pair with the same type again changes nothing.
 */
linkRoutes.post('/issueLink', (c) => {
  const { site, actor, base } = c.var;
  const body = refOf(c.var.body) ?? {};
  const typeRef = refOf(body.type);
  const type = site.linkTypes.find((t) =>
    typeRef?.id !== undefined
      ? t.id === typeRef.id
      : t.name.toLowerCase() === String(typeRef?.name ?? '').toLowerCase(),
  );
  if (!type) {
    throw notFound(
      typeRef?.id !== undefined
        ? `No issue link type with id '${String(typeRef.id)}' found.`
        : `No issue link type with name '${String(typeRef?.name)}' found.`,
    );
  }
  const source = linkable(site, actor, body.inwardIssue);
  const destination = linkable(site, actor, body.outwardIssue);
  if (source.id === destination.id) throw badRequest('You cannot link an issue to itself.');
  const comment = refOf(body.comment);
  if (comment && !isAdfDocument(comment.body))
    throw new JiraError(400, errorCollection([], { comment: 'Comment body is not valid!' }));
  if (comment && isTooLong(comment.body)) throw new JiraError(400, errorCollection([], { comment: TOO_LONG }));

  let link = site.links.find(
    (l) => l.typeId === type.id && l.sourceId === source.id && l.destinationId === destination.id,
  );
  if (!link) {
    link = { id: nextId(site), typeId: type.id, sourceId: source.id, destinationId: destination.id };
    site.links.push(link);
  }
  if (comment) {
    const stamp = jiraTime(new Date(c.var.clock.now()));
    destination.comments.push({
      id: nextId(site),
      authorId: actor.accountId,
      body: comment.body,
      created: stamp,
      updated: stamp,
    });
  }
  c.header('Location', `${base}/rest/api/3/issueLink/${link.id}`);
  return emptyJson(c, 201);
});

/** GET /rest/api/3/issueLink/{linkId} — one link, both issues named. */
linkRoutes.get('/issueLink/:linkId', (c) => {
  const { site, actor, base } = c.var;
  const link = site.links.find((l) => l.id === pathParam(c, 'linkId'));
  const type = link && site.linkTypes.find((t) => t.id === link.typeId);
  if (!link || !type) throw notFound(`No issue link with id '${pathParam(c, 'linkId')}' exists.`);
  const inward = browsableIssue(site, actor, link.sourceId).issue;
  const outward = browsableIssue(site, actor, link.destinationId).issue;
  return c.json({
    id: link.id,
    self: `${base}/rest/api/3/issueLink/${link.id}`,
    type: linkTypeJson(base, type),
    inwardIssue: linkedIssueJson(site, base, inward),
    outwardIssue: linkedIssueJson(site, base, outward),
  });
});

/** DELETE /rest/api/3/issueLink/{linkId} — removes a link; 204. */
linkRoutes.delete('/issueLink/:linkId', (c) => {
  const { site, actor } = c.var;
  const index = site.links.findIndex((l) => l.id === pathParam(c, 'linkId'));
  const link = site.links[index];
  if (!link) throw notFound(`No issue link with id '${pathParam(c, 'linkId')}' exists.`);
  linkable(site, actor, { id: link.sourceId });
  linkable(site, actor, { id: link.destinationId });
  site.links.splice(index, 1);
  return c.body(null, 204);
});

/** An issue the caller may see and link from; the spec answers 404 for both failures. */
function linkable(site: SiteState, actor: User, ref: unknown): Issue {
  const wanted = refOf(ref);
  const idOrKey = String(wanted?.id ?? wanted?.key ?? '');
  const { issue, project } = browsableIssue(site, actor, idOrKey);
  if (!hasProjectPermission(actor, project, 'LINK_ISSUES'))
    throw notFound(`No Link Issue Permission for issue '${issue.key}'.`);
  return issue;
}
