import { isWeekend, type Day } from './calendar.ts';

/** A blackout period, both ends inclusive. */
export type DayRange = { from: Day; to: Day };

export function inRanges(day: Day, ranges: readonly DayRange[]): DayRange | undefined {
  return ranges.find((r) => day >= r.from && day <= r.to);
}

/** A business day is neither a weekend nor inside any blackout. */
export function isBusinessDay(day: Day, blackouts: readonly DayRange[]): boolean {
  return !isWeekend(day) && inRanges(day, blackouts) === undefined;
}

/**
 * Moves `count` business days from `start` (backwards when negative). Zero returns the start
 * itself, even on a weekend: `kickoff+0bd` means the kickoff date as written.
 */
export function addBusinessDays(start: Day, count: number, blackouts: readonly DayRange[]): Day {
  const step = count < 0 ? -1 : 1;
  let day = start;
  for (let left = Math.abs(count); left > 0;) {
    day += step;
    const range = inRanges(day, blackouts);
    // Jump over a whole blackout at once: a year-long freeze should not cost a year of steps.
    if (range) day = step > 0 ? range.to : range.from;
    else if (!isWeekend(day)) left -= 1;
  }
  return day;
}
