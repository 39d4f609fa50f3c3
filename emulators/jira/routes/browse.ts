import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import { adfText } from '../adf';
import type { JiraEnv } from '../context';
import { findIssue, findUser } from '../lookups';
import type { Issue, SiteState } from '../site-state';

export const browseRoutes = new Hono<JiraEnv>();

/**
 * GET /browse/{issueKey} — a plain read-only page of one issue, so a person can look at
 * what the app created. Not part of the REST API; open to anyone who can reach the local
 * port (127.0.0.1 by default).
 */
browseRoutes.get('/browse/:issueKey', (c) => {
  const { site } = c.var;
  const issue = findIssue(site, c.req.param('issueKey'));
  if (!issue)
    return c.html(
      html`<!doctype html><title>Not found</title>
        <p>No issue ${c.req.param('issueKey')}.</p>`,
      404,
    );
  const status = site.statuses.find((s) => s.id === issue.statusId)?.name ?? '';
  const assignee = issue.assigneeId
    ? (findUser(site, issue.assigneeId)?.displayName ?? issue.assigneeId)
    : 'Unassigned';
  const parent = site.issues.find((i) => i.id === issue.parentId);
  return c.html(
    html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <title>[${issue.key}] ${issue.summary}</title>
          <style>
            body {
              font:
                15px/1.5 system-ui,
                sans-serif;
              max-width: 48rem;
              margin: 2rem auto;
              padding: 0 1rem;
            }
            dt {
              font-weight: 600;
            }
            dd {
              margin: 0 0 0.5rem;
            }
          </style>
        </head>
        <body>
          <p><small>local Jira</small></p>
          <h1>${issue.key}: ${issue.summary}</h1>
          <dl>
            <dt>Status</dt>
            <dd>${status}</dd>
            <dt>Assignee</dt>
            <dd>${assignee}</dd>
            <dt>Due date</dt>
            <dd>${issue.duedate ?? 'None'}</dd>
            <dt>Labels</dt>
            <dd>${issue.labels.join(', ') || 'None'}</dd>
            ${
              parent
                ? html`<dt>Parent</dt>
                    <dd><a href="/browse/${parent.key}">${parent.key}</a> ${parent.summary}</dd>`
                : ''
            }
            <dt>Links</dt>
            <dd>${linkList(site, issue)}</dd>
          </dl>
          <h2>Description</h2>
          <p style="white-space:pre-wrap">${adfText(issue.description) || 'None'}</p>
        </body>
      </html>`,
  );
});

/** Each link in the issue's own words: "blocks DEL-3", "is blocked by DEL-1". */
function linkList(site: SiteState, issue: Issue) {
  const items = site.links
    .filter((l) => l.sourceId === issue.id || l.destinationId === issue.id)
    .map((link) => {
      const type = site.linkTypes.find((t) => t.id === link.typeId);
      const outward = link.sourceId === issue.id;
      const other = site.issues.find((i) => i.id === (outward ? link.destinationId : link.sourceId));
      if (!type || !other) return '';
      return html`<li>
        ${outward ? type.outward : type.inward} <a href="/browse/${other.key}">${other.key}</a> ${other.summary}
      </li>`;
    });
  return items.length > 0
    ? html`<ul>
        ${items}
      </ul>`
    : raw('None');
}
