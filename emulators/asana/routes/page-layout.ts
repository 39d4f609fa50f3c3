import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { PAGE_STYLE } from '../../common/page-style';

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
          ${PAGE_STYLE} .notes {
            white-space: pre-wrap;
          }
        </style>
      </head>
      <body>
        <p><small>local Asana</small></p>
        ${body}
      </body>
    </html>`;
}
