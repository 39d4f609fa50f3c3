import { isWeekend, type Day } from './calendar';

/** A blackout period, both ends inclusive. */
export type DayRange = { from: Day; to: Day };

/**
 * A record's blackouts, merged once into sorted, disjoint ranges that do not touch (overlapping
 * and back-to-back periods become one), so finding a day's blackout is a binary search. Gating
 * a thousand dates against thousands of blackout days was quadratic when every step scanned
 * every period.
 */
export type Blackouts = { readonly ranges: readonly DayRange[] };

export function mergeBlackouts(ranges: readonly DayRange[]): Blackouts {
  const sorted = ranges.filter((r) => r.from <= r.to).sort((a, b) => a.from - b.from);
  const merged: DayRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.from <= last.to + 1) last.to = Math.max(last.to, range.to);
    else merged.push({ from: range.from, to: range.to });
  }
  return { ranges: merged };
}

/** The blackout period `day` falls in, if any. O(log n). */
export function blackoutAt(day: Day, blackouts: Blackouts): DayRange | undefined {
  const { ranges } = blackouts;
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const range = ranges[mid];
    if (!range) return undefined;
    if (day < range.from) hi = mid - 1;
    else if (day > range.to) lo = mid + 1;
    else return range;
  }
  return undefined;
}

/** A business day is neither a weekend nor inside any blackout. */
export function isBusinessDay(day: Day, blackouts: Blackouts): boolean {
  return !isWeekend(day) && blackoutAt(day, blackouts) === undefined;
}

/**
 * Moves `count` business days from `start` (backwards when negative). Zero returns the start
 * itself, even on a weekend: `kickoff+0bd` means the kickoff date as written.
 */
export function addBusinessDays(start: Day, count: number, blackouts: Blackouts): Day {
  const step = count < 0 ? -1 : 1;
  let day = start;
  for (let left = Math.abs(count); left > 0;) {
    day += step;
    const range = blackoutAt(day, blackouts);
    // Jump over a whole blackout at once: a year-long freeze should not cost a year of steps.
    if (range) day = step > 0 ? range.to : range.from;
    else if (!isWeekend(day)) left -= 1;
  }
  return day;
}
