import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { PAGE_STYLE } from '../../emulators/common/page-style';

/**
 * What a local stand-in page answers when one of its buttons runs a step: the step's outputs as
 * name/value rows, what they cite (a link, or the record field a blocker names), the whole
 * answer as its caller got it, and — for "provision it" — the question to confirm first.
 */
export type StandInResult = {
  heading: string;
  values: Array<[string, string]>;
  citations: Array<{ label: string; url: string | null }>;
  answer: unknown;
  confirm?: { prompt: string; recordId: string };
};

/**
 * A local stand-in page for a surface of Jira that cannot run on this machine (Automation,
 * Rovo): server-rendered, every text escaped by `html`, its one script `/__local/stand-in.js`
 * (the panel's CSP allows no inline script), which posts JSON to the page's own routes.
 */
export function standInPage(title: string, intro: string, body: HtmlEscapedString | Promise<HtmlEscapedString>) {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href="data:," />
        <title>${title} · local stand-in</title>
        <style>
          ${PAGE_STYLE} .local-note {
            background: #fff7d6;
            color: #172b4d;
            padding: 0.5rem 0.75rem;
            border-radius: 4px;
          }
          .local-note a {
            color: #0c66e4;
          }
          .step {
            border: 1px solid #8590a2;
            border-radius: 4px;
            padding: 0.5rem 0.75rem;
            margin: 0.5rem 0;
          }
          .result {
            border-left: 3px solid #1d7afc;
            padding-left: 0.75rem;
            margin: 1rem 0;
          }
          .result dd {
            white-space: pre-line;
            overflow-wrap: anywhere;
          }
          .result pre {
            white-space: pre-wrap;
            overflow-wrap: anywhere;
            font-size: 13px;
          }
          button {
            font: inherit;
            padding: 0.25rem 0.75rem;
            margin: 0.25rem 0.5rem 0.25rem 0;
            cursor: pointer;
          }
          code {
            overflow-wrap: anywhere;
          }
        </style>
        <script type="module" src="/__local/stand-in.js"></script>
      </head>
      <body>
        <p class="local-note">
          Local stand-in: ${intro} <a href="/">Handoff page</a> · <a href="/?module=settings">Project settings</a>
        </p>
        <h1>${title}</h1>
        ${body}
        <section id="result" class="result" aria-live="polite" tabindex="-1" hidden></section>
      </body>
    </html>`;
}

/**
 * What an answer cites, found by walking it: every object with a `url` (a source document, an
 * issue, a change request, the Handoff page), labelled by what it is; every blocker or warning
 * by the record field it names (`field` beside `says`).
 */
export function citationsOf(answer: unknown, label = ''): StandInResult['citations'] {
  if (Array.isArray(answer)) return answer.flatMap((entry) => citationsOf(entry, label));
  if (typeof answer !== 'object' || answer === null) return [];
  const entry = new Map(Object.entries(answer));
  const text = (key: string) => {
    const value: unknown = entry.get(key);
    return typeof value === 'string' ? value : null;
  };
  const here = text('title') ?? label;
  const own: StandInResult['citations'] = [];
  if (text('url'))
    own.push({
      label: [text('key') ?? text('change') ?? here, text('kind'), text('section') && `§ ${text('section')}`]
        .filter(Boolean)
        .join(' · '),
      url: text('url'),
    });
  if (text('field') && text('says')) own.push({ label: `record field ${text('field')}: ${text('says')}`, url: null });
  return [
    ...own,
    ...[...entry]
      .filter(([key]) => key !== 'url')
      .flatMap(([key, value]) => (key === 'page' ? pageCitation(value) : citationsOf(value, here))),
  ];
}

const pageCitation = (value: unknown) => (typeof value === 'string' ? [{ label: 'Handoff page', url: value }] : []);
