import { Document, isCollection, parseDocument } from 'yaml';
import type { Segment } from '../field-path';

/**
 * The record draft is YAML text; the form edits it through the parsed document, so comments
 * and layout the lead (or the imported file) wrote survive every edit.
 */
export type RecordDoc = Document.Parsed;

export function parseDoc(text: string): RecordDoc {
  return parseDocument(text, { uniqueKeys: true });
}

/** The value at a path as plain data (lists and maps included), or undefined. */
export function valueAt(doc: RecordDoc, path: readonly Segment[]): unknown {
  const node: unknown = doc.getIn(path, false);
  return isCollection(node) ? node.toJSON() : node;
}

/** The text with one value set; `undefined` removes the field, so an emptied input leaves no empty key behind. */
export function withValue(text: string, path: readonly Segment[], value: unknown): string {
  const doc = parseDoc(text);
  if (value === undefined) doc.deleteIn(path);
  else doc.setIn(path, doc.createNode(value, { flow: false }));
  return stringify(doc);
}

/** The text with an item appended to the list at `path` (made when missing). */
export function withItem(text: string, path: readonly Segment[], item: Record<string, unknown>): string {
  const doc = parseDoc(text);
  if (doc.hasIn(path)) doc.addIn(path, doc.createNode(item));
  else doc.setIn(path, doc.createNode([item]));
  return stringify(doc);
}

/** The text without the item at `path`. */
export function withoutItem(text: string, path: readonly Segment[]): string {
  const doc = parseDoc(text);
  doc.deleteIn(path);
  return stringify(doc);
}

/** YAML of a plain value (a record loaded from storage), written the way the examples are. */
export function yamlOf(value: unknown): string {
  return stringify(new Document(value));
}

function stringify(doc: Document): string {
  // No folding: a long promise title stays on one line, as the lead wrote it.
  return doc.toString({ lineWidth: 0 });
}
