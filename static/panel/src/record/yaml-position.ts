import { isNode } from 'yaml';
import { segmentsOf } from '../field-path';
import { parseDoc } from './yaml-doc';

export type Span = { start: number; end: number };

/** Where a field path is written in the text: its node, or the nearest enclosing one that exists. */
export function spanOfPath(text: string, path: string): Span | null {
  const doc = parseDoc(text);
  const segments = segmentsOf(path);
  for (let depth = segments.length; depth >= 0; depth -= 1) {
    const node: unknown = depth === 0 ? doc.contents : doc.getIn(segments.slice(0, depth), true);
    if (isNode(node) && node.range) return { start: node.range[0], end: node.range[1] };
  }
  return null;
}

/** The span of a 1-based line. */
export function spanOfLine(text: string, line: number): Span {
  let start = 0;
  for (let i = 1; i < line; i += 1) {
    const next = text.indexOf('\n', start);
    if (next < 0) break;
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return { start, end: end < 0 ? text.length : end };
}

/** Selects a span in a textarea and scrolls it into view (textareas do not scroll to a selection made by script). */
export function reveal(textarea: HTMLTextAreaElement, span: Span): void {
  textarea.focus({ preventScroll: true });
  textarea.setSelectionRange(span.start, span.end);
  const line = textarea.value.slice(0, span.start).split('\n').length - 1;
  const lineHeight = Number.parseFloat(getComputedStyle(textarea).lineHeight) || 20;
  textarea.scrollTop = Math.max(0, line * lineHeight - textarea.clientHeight / 3);
  textarea.scrollIntoView({ block: 'nearest' });
}
