import { Hono, type Context } from 'hono';
import { html, raw } from 'hono/html';
import { adfHtml } from '../adf-html';
import type { JiraEnv } from '../context';
import { findIssue, findUser } from '../lookups';
import { issueFacts, page } from './page-layout';
import type { Issue, SiteState } from '../site-state';
import type { IssuePanel } from '../options';

/**
 * GET /browse/{issueKey} — one issue as a person checks what the app made of a promise: its
 * type, status, owner, date, parent and children, links, the description with its links, and
 * the comments; beside it, on the right as in Jira's issue view, an installed app's issue
 * panel (`issuePanel`) where that app shows one.
 */
export function browseRoutes(issuePanel?: IssuePanel) {
  const routes = new Hono<JiraEnv>();
  routes.get('/browse/:issueKey', (c) => issuePage(c, c.req.param('issueKey'), issuePanel));
  return routes;
}

function issuePage(c: Context<JiraEnv>, key: string, issuePanel: IssuePanel | undefined) {
  const { site } = c.var;
  const issue = findIssue(site, key);
  if (!issue) return c.html(page('Not found', html`<p>No issue ${key}.</p>`), 404);
  const { type, status, assignee } = issueFacts(site, issue);
  const parent = site.issues.find((i) => i.id === issue.parentId);
  const children = site.issues.filter((i) => i.parentId === issue.id);
  const panel = issuePanel?.({ key: issue.key, labels: issue.labels, properties: issue.properties }) ?? null;
  return c.html(
    page(
      `[${issue.key}] ${issue.summary}`,
      html`<h1>${issue.key}: ${issue.summary}</h1>
        <dl>
          <dt>Type</dt>
          <dd>${type}</dd>
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
        ${adfHtml(issue.description) || html`<p>None</p>`}
        ${
          children.length > 0
            ? html`<h2>Child issues (${children.length})</h2>
                <ul>
                  ${children.map(
                    (child) =>
                      html`<li>
                        <a href="/browse/${child.key}">${child.key}</a> ${child.summary} ·
                        ${issueFacts(site, child).status}
                      </li>`,
                  )}
                </ul>`
            : ''
        }
        <h2>Comments (${issue.comments.length})</h2>
        ${issue.comments.map(
          (comment) =>
            html`<div class="comment">
              <p>
                <strong>${findUser(site, comment.authorId)?.displayName ?? comment.authorId}</strong>
                <small>${comment.created}</small>
              </p>
              ${adfHtml(comment.body)}
            </div>`,
        )}`,
      panel && appPanel(panel),
    ),
  );
}

/** An app's issue panel: its title and its frame, as Jira draws a Custom UI issue context. */
function appPanel(panel: { title: string; url: string }) {
  return html`<aside class="app-panel" aria-label="${panel.title}">
    <h2>${panel.title}</h2>
    <iframe title="${panel.title}" src="${panel.url}"></iframe>
  </aside>`;
}

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
