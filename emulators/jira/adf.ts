/**
 * Atlassian Document Format, as far as Jira checks it on the way in: a `doc` of version 1
 * whose nodes all have a type, text nodes carrying text. REST v3 refuses anything else in
 * `description` and comment bodies.
 */
export function isAdfDocument(value: unknown): boolean {
  return (
    isNode(value) &&
    value.type === 'doc' &&
    value.version === 1 &&
    Array.isArray(value.content) &&
    value.content.every(isValidNode)
  );
}

/**
 * Jira Cloud holds at most 32,767 characters in a text field, description and comment alike
 * (JRACLOUD-68949). Whether it counts the document's JSON or its text is not documented; the
 * local Jira counts the JSON, the harder of the two.
 */
export const TEXT_LIMIT = 32_767;
export const TOO_LONG = `The entered text is too long. It exceeded the maximum number of characters of 32,767.`;
export const isTooLong = (document: unknown): boolean => JSON.stringify(document).length > TEXT_LIMIT;

type AdfNode = { type: string; text?: unknown; content?: unknown; [key: string]: unknown };

function isNode(value: unknown): value is AdfNode {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    'type' in value &&
    typeof value.type === 'string'
  );
}

function isValidNode(value: unknown): boolean {
  if (!isNode(value)) return false;
  if (value.type === 'text' && typeof value.text !== 'string') return false;
  return value.content === undefined || (Array.isArray(value.content) && value.content.every(isValidNode));
}

/** The plain text of a document, paragraphs on their own lines: what a comment says, for tests that read it. */
export function adfText(value: unknown): string {
  if (!isNode(value)) return '';
  if (value.type === 'text' && typeof value.text === 'string') return value.text;
  const inner = Array.isArray(value.content) ? value.content.map(adfText) : [];
  // Blocks on lines of their own, list items as bullets, so a description reads as written.
  if (value.type === 'listItem') return `• ${inner.join('')}`;
  return value.type === 'doc' || value.type === 'bulletList' || value.type === 'orderedList'
    ? inner.join('\n')
    : inner.join('');
}
