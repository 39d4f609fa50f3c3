/**
 * Calendar arithmetic on whole days. A date is a day number (days since 1970-01-01, UTC),
 * so adding days and comparing dates is integer arithmetic with no time zones involved.
 */
export type Day = number;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2026-12-07` → its day number, or null when it is not a real calendar date. */
export function parseIsoDay(text: string): Day | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear takes the year as written.
  const back = new Date(0);
  back.setUTCFullYear(year, month - 1, day);
  const ms = back.getTime();
  // 2026-02-30 rolls over into March; a real date survives the round trip.
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return ms / MS_PER_DAY;
}

/** The days Jira and Asana take for a due date: years 1900 to 9999 (see record.ts). */
export const FIRST_TRACKER_DAY: Day = -25_567; // 1900-01-01
export const LAST_TRACKER_DAY: Day = 2_932_896; // 9999-12-31
export const inTrackerRange = (day: Day): boolean => day >= FIRST_TRACKER_DAY && day <= LAST_TRACKER_DAY;

/** A day for a message, even one no ISO date or no Date at all can hold (arithmetic ran past ±275,000 years). */
export function describeDay(day: Day): string {
  if (inTrackerRange(day)) return formatIsoDay(day);
  if (Math.abs(day) > 100_000_000) return day > 0 ? 'a day past the year 275,000' : 'a day before the year 271,000 BC';
  return `a day in the year ${new Date(day * MS_PER_DAY).getUTCFullYear()}`;
}

/**
 * `YYYY-MM-DD` of a day. Days Jira and Asana take are turned into a date by integer arithmetic
 * (H. Hinnant's days-to-civil, as C++20's <chrono> does it): a plan of 10,000 items formats tens
 * of thousands of dates, and a Date and its ISO string each is most of that time. Others go through Date.
 */
export function formatIsoDay(day: Day): string {
  if (!Number.isInteger(day) || !inTrackerRange(day)) return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
  const z = day + 719_468; // days since 0000-03-01, when a year's leap day comes last
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153); // month from March = 0
  const date = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${month < 10 ? '0' : ''}${month}-${date < 10 ? '0' : ''}${date}`;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: Day): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekend(day: Day): boolean {
  const d = weekday(day);
  return d === 0 || d === 6;
}

/** YAML 1.1 timestamps and JS dates arrive as Date objects; the record keeps ISO strings. */
export function toIsoIfDate(value: unknown): unknown {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value;
}

/** Same day of the month, `months` later (clamped to the month's last day, as contracts read). */
export function addMonths(day: Day, months: number): Day {
  const date = new Date(day * MS_PER_DAY);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)) / MS_PER_DAY;
}
