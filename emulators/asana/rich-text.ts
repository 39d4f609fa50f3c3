import { badRequest } from './asana-error';
import { optionalString } from './request';

/** The tags Asana's rich text allows (html_notes, html_text); anything else is refused. */
const TAGS = new Set([
  'body',
  'strong',
  'em',
  'u',
  's',
  'code',
  'ol',
  'ul',
  'li',
  'a',
  'blockquote',
  'pre',
  'h1',
  'h2',
  'hr',
  'img',
  'table',
  'tr',
  'td',
]);
const VOID = new Set(['hr', 'img']);
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * A rich-text field (`html_notes`, `html_text`) as Asana checks it: one `<body>` element,
 * well-formed, allowed tags only. Its plain-text twin (`notes`, `text`) is derived from it.
 */
export function readRichText(field: string, html: string): { html: string; text: string } {
  const problem = richTextProblem(html);
  if (problem) throw badRequest(`${field}: XML is invalid: ${problem}`);
  return { html, text: decode(html.replace(/<\/(li|h1|h2|blockquote|pre)>\s*(?=<)/g, '$&\n').replace(/<[^>]*>/g, '')) };
}

/** The rich text of a plain-text field: escaped and wrapped in `<body>`. */
export function plainToRichText(text: string): string {
  return `<body>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</body>`;
}

function richTextProblem(html: string): string | undefined {
  if (!/^<body>[\s\S]*<\/body>$/.test(html.trim())) return 'the text must be a single <body> element';
  const open: string[] = [];
  for (const [, closing, name, selfClosing] of html.matchAll(/<(\/?)([a-zA-Z0-9]+)[^>]*?(\/?)>/g)) {
    const tag = (name ?? '').toLowerCase();
    if (!TAGS.has(tag)) return `<${tag}> is not allowed`;
    if (selfClosing || (VOID.has(tag) && !closing)) continue;
    if (!closing) open.push(tag);
    else if (open.pop() !== tag) return `</${tag}> does not close the open element`;
  }
  if (open.length > 0) return `<${open.at(-1)}> is not closed`;
  if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(html)) return 'a bare & must be written &amp;';
  return undefined;
}

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    return ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

/**
 * A plain/rich text pair of a write (`notes`/`html_notes`, `text`/`html_text`): either
 * may be given, not both; each is kept with its twin derived from it.
 */
export function readTextPair(
  data: Record<string, unknown>,
  plain: string,
  rich: string,
): { text: string; html: string } | undefined {
  const text = optionalString(data, plain);
  const html = optionalString(data, rich);
  if (text !== undefined && html !== undefined) throw badRequest(`You may only provide one of ${plain} or ${rich}`);
  if (html !== undefined) return readRichText(rich, html);
  return text === undefined ? undefined : { text, html: plainToRichText(text) };
}
