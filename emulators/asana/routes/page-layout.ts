import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/**
 * The local Asana's pages for people (not part of the API), in the local Jira's style: plain
 * server-rendered HTML, every value escaped by `html`, no script. Enough to check what the app
 * made; open to anyone who can reach the local port, as it is a local development tool.
 */
export function page(title: string, body: Html) {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${title} · local Asana</title>
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
          .notes {
            white-space: pre-wrap;
          }
          .comment {
            border-left: 3px solid #ddd;
            padding-left: 0.75rem;
            margin: 0.75rem 0;
          }
        </style>
      </head>
      <body>
        <p><small>local Asana</small></p>
        ${body}
      </body>
    </html>`;
}
