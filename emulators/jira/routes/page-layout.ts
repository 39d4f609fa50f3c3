import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { PAGE_STYLE } from '../../common/page-style';
import { findUser } from '../lookups';
import type { Issue, SiteState } from '../site-state';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/**
 * The local Jira's pages for people (not part of the REST API): an issue, and an issue search.
 * Plain HTML, enough to check what the app created; open to anyone who can reach the local port.
 */
export function page(title: string, body: Html, aside?: Html | null) {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${title}</title>
        <link rel="icon" href="data:," />
        <style>
          ${PAGE_STYLE} table {
            border-collapse: collapse;
            width: 100%;
          }
          th,
          td {
            text-align: left;
            padding: 0.25rem 0.5rem;
            border-bottom: 1px solid #ddd;
            vertical-align: top;
          }
          body.with-panel {
            max-width: none;
            margin: 0;
            display: grid;
            grid-template-columns: minmax(0, 1fr) minmax(300px, 40%);
            gap: 1rem;
          }
          body.with-panel > main {
            padding: 1rem 0 1rem 1rem;
            min-width: 0;
          }
          .app-panel {
            position: sticky;
            top: 0;
            height: 100vh;
            display: flex;
            flex-direction: column;
            border-left: 1px solid #ddd;
          }
          .app-panel h2 {
            font-size: 0.9rem;
            margin: 0.5rem 0.75rem;
          }
          .app-panel iframe {
            flex: 1;
            width: 100%;
            border: 0;
          }
        </style>
      </head>
      <body class="${aside ? 'with-panel' : ''}">
        <main>
          <p><small>local Jira</small></p>
          ${body}
        </main>
        ${aside ?? ''}
      </body>
    </html>`;
}

/** What a person reads for an issue's type, status and assignee. */
export function issueFacts(site: SiteState, issue: Issue) {
  return {
    type: site.issueTypes.find((t) => t.id === issue.issueTypeId)?.name ?? '',
    status: site.statuses.find((s) => s.id === issue.statusId)?.name ?? '',
    assignee: issue.assigneeId ? (findUser(site, issue.assigneeId)?.displayName ?? issue.assigneeId) : 'Unassigned',
  };
}
