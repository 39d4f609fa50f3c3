import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

type Html = HtmlEscapedString | Promise<HtmlEscapedString> | string;
type Node = { type?: unknown; text?: unknown; content?: unknown; marks?: unknown; attrs?: unknown };
type Mark = { type?: unknown; attrs?: unknown };

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : {};

/**
 * A document in Atlassian Document Format as the issue page shows it: paragraphs, headings,
 * lists, and text with its links, bold, italics and code — what Handoff writes. Everything is
 * escaped (hono's `html`); a link is drawn only for http(s) addresses.
 */
export function adfHtml(value: unknown): Html {
  const node: Node = record(value);
  const inner = () => (Array.isArray(node.content) ? node.content.map(adfHtml) : []);
  switch (node.type) {
    case 'doc':
      return html`${inner()}`;
    case 'paragraph':
      return html`<p>${inner()}</p>`;
    case 'heading':
      return html`<h3>${inner()}</h3>`;
    case 'bulletList':
      return html`<ul>
        ${inner()}
      </ul>`;
    case 'orderedList':
      return html`<ol>
        ${inner()}
      </ol>`;
    case 'listItem':
      return html`<li>${inner()}</li>`;
    case 'hardBreak':
      return html`<br />`;
    case 'rule':
      return html`<hr />`;
    case 'text':
      return typeof node.text === 'string' ? marked(node.text, Array.isArray(node.marks) ? node.marks : []) : '';
    default:
      return html`${inner()}`;
  }
}

function marked(text: string, marks: unknown[]): Html {
  return marks.reduce<Html>((inner, raw) => {
    const mark: Mark = record(raw);
    if (mark.type === 'strong') return html`<strong>${inner}</strong>`;
    if (mark.type === 'em') return html`<em>${inner}</em>`;
    if (mark.type === 'code') return html`<code>${inner}</code>`;
    const href = record(mark.attrs).href;
    if (mark.type === 'link' && typeof href === 'string' && /^https?:\/\//.test(href))
      return html`<a href="${href}" rel="noreferrer">${inner}</a>`;
    return inner;
  }, text);
}
