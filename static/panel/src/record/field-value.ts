import type { FieldKind } from './sections';

/** A stored value as the input shows it: lists one per line, or comma-separated for tags. */
export function displayValue(value: unknown, kind: FieldKind): string {
  if (Array.isArray(value)) return value.map(String).join(kind === 'tags' ? ', ' : '\n');
  if (value === undefined || value === null) return '';
  return String(value);
}

/** What the lead typed, as the record stores it; empty input removes the field (undefined). */
export function storedValue(input: string, kind: FieldKind, number: boolean): unknown {
  if (kind === 'lines' || kind === 'tags') {
    const items = input
      .split(kind === 'tags' ? ',' : '\n')
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    return items.length > 0 ? items : undefined;
  }
  if (input.trim() === '') return undefined;
  // A number field keeps what is not a number as text, so the validator can say so next to it.
  if (number && /^-?\d+(\.\d+)?$/.test(input.trim())) return Number(input.trim());
  return input;
}
