import { badRequest } from './asana-error.ts';
import { optionalString } from './request.ts';
import { plainToRichText, readRichText } from './rich-text.ts';

/**
 * A plain/rich text pair of a write (`notes`/`html_notes`, `text`/`html_text`): either
 * may be given, not both; each is kept with its twin derived from it.
 */
export function readTextPair(data: Record<string, unknown>, plain: string, rich: string): { text: string; html: string } | undefined {
  const text = optionalString(data, plain);
  const html = optionalString(data, rich);
  if (text !== undefined && html !== undefined) throw badRequest(`You may only provide one of ${plain} or ${rich}`);
  if (html !== undefined) return readRichText(rich, html);
  return text === undefined ? undefined : { text, html: plainToRichText(text) };
}
