import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { findUser } from '../lookups';
import type { Issue, SiteState } from '../site-state';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/**
 * The local Jira's pages for people (not part of the REST API): an issue, and an issue search.
 * Plain HTML, enough to check what the app created; open to anyone who can reach the local port.
 */
export function page(title: string, body: Html) {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${title}</title>
        <style>
          body {
            font:
              15px/1.5 system-ui,
              sans-serif;
            max-width: 60rem;
            margin: 2rem auto;
            padding: 0 1rem;
          }
          dt {
            font-weight: 600;
          }
          dd {
            margin: 0 0 0.5rem;
          }
          table {
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
          .comment {
            border-left: 3px solid #ddd;
            padding-left: 0.75rem;
            margin: 0.75rem 0;
          }
        </style>
      </head>
      <body>
        <p><small>local Jira</small></p>
        ${body}
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
