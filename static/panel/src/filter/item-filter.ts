import { counted } from '../../../../src/domain/words';

/**
 * Search and filters over a list of items — the record's promises, dependencies… and the Plan's
 * rows — written once, pure, so the form and the Plan narrow their lists by the same rules.
 */
export type DueFilter = 'any' | 'none' | 'overdue';
export type ExcludedFilter = 'any' | 'hide' | 'only';

export type ItemFilter = {
  /** Words to find, each anywhere in the item's text (title, owner, detail…), any case. */
  query: string;
  /** An owner as written, NO_OWNER for items without one, '' for anyone. */
  owner: string;
  due: DueFilter;
  blockedOnly: boolean;
  excluded: ExcludedFilter;
  /** A plan item's kind, '' for every kind. */
  kind: string;
};

export const NO_OWNER = '\u0000none';

export const NO_FILTER: ItemFilter = {
  query: '',
  owner: '',
  due: 'any',
  blockedOnly: false,
  excluded: 'any',
  kind: '',
};

/** What the filters look at, for one item. */
export type ItemFacts = {
  text: readonly string[];
  owner: string | null;
  /** The due day, ISO (`2026-12-11`) once resolved; a date that cannot be resolved yet as written. */
  due: string | null;
  blocked: boolean;
  excluded: boolean;
  kind: string;
};

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isFiltering(filter: ItemFilter): boolean {
  return Object.entries(filter).some(([key, value]) => value !== Reflect.get(NO_FILTER, key));
}

/**
 * Whether an item passes every filter. `today` is the gate's day (ISO): an item is overdue when its
 * resolved due day is before it. An excluded promise is never "no date" or overdue — it needs no date.
 */
export function matches(facts: ItemFacts, filter: ItemFilter, today: string | null): boolean {
  const words = filter.query.toLowerCase().split(/\s+/).filter(Boolean);
  const text = facts.text.join('\n').toLowerCase();
  if (!words.every((w) => text.includes(w))) return false;
  if (filter.owner === NO_OWNER ? facts.owner !== null : filter.owner !== '' && facts.owner !== filter.owner)
    return false;
  if (filter.blockedOnly && !facts.blocked) return false;
  if (filter.excluded === 'hide' && facts.excluded) return false;
  if (filter.excluded === 'only' && !facts.excluded) return false;
  if (filter.kind !== '' && facts.kind !== filter.kind) return false;
  if (filter.due === 'none') return !facts.excluded && facts.due === null;
  if (filter.due === 'overdue')
    return !facts.excluded && today !== null && facts.due !== null && ISO_DAY.test(facts.due) && facts.due < today;
  return true;
}

/** The indexes of the items shown, in their order. */
export function shownIndexes(facts: readonly ItemFacts[], filter: ItemFilter, today: string | null): number[] {
  return facts.flatMap((f, i) => (matches(f, filter, today) ? [i] : []));
}

/** Every owner the items name, sorted, for the owner filter's choices. */
export function ownersOf(facts: readonly ItemFacts[]): string[] {
  return [...new Set(facts.flatMap((f) => (f.owner === null ? [] : [f.owner])))].sort();
}

/** "12 promises", or "3 of 12 promises" while filtering. */
export function shownCount(shown: number, total: number, noun: string, plural = `${noun}s`): string {
  return shown === total
    ? counted(total, noun, plural)
    : `${shown.toLocaleString('en-US')} of ${counted(total, noun, plural)}`;
}
