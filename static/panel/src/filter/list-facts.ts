import { isWithin, pathOf, type Segment } from '../field-path';
import type { ItemFacts } from './item-filter';

/** What the search and filters of a record list read, from the draft's items as the form shows them. */
export type ListSource = {
  /** The list's path, e.g. `['promises']`. */
  at: readonly Segment[];
  items: readonly unknown[];
  kind: string;
  /** Paths the gate blocks (the shown gate's), and the draft's resolved dates by path. */
  blocked: Iterable<string>;
  dues: ReadonlyMap<string, string>;
  /** An item's issue key once provisioned, so a key can be searched for. */
  issueKeyOf(item: unknown): string | null;
};

export function listFacts(source: ListSource): ItemFacts[] {
  const blocked = [...source.blocked];
  return source.items.map((item, index) => {
    const itemPath = pathOf([...source.at, index]);
    const owner = textOf(item, 'owner');
    const written = textOf(item, 'due');
    const key = source.issueKeyOf(item);
    return {
      text: [...textsOf(item), ...(key ? [key] : [])],
      owner,
      due: written === null ? null : (source.dues.get(`${itemPath}.due`) ?? written),
      blocked: blocked.some((path) => isWithin(path, itemPath)),
      excluded: textOf(item, 'excluded') !== null,
      kind: source.kind,
    };
  });
}

/** A field of an item, when it is text with something in it. */
export function textOf(item: unknown, key: string): string | null {
  if (typeof item !== 'object' || item === null || !Object.hasOwn(item, key)) return null;
  const value: unknown = Reflect.get(item, key);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** Every text the item holds, nested ones too (a promise's source), for the search. */
function textsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number') return [String(value)];
  if (Array.isArray(value)) return value.flatMap(textsOf);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(textsOf);
  return [];
}
