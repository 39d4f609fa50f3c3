import { formatIsoDay } from '../../../../src/domain/dates/calendar';
import { dateFields } from '../../../../src/domain/dates/date-fields';
import { resolveDate, resolveTimeline } from '../../../../src/domain/dates/timeline';
import type { HandoffRecord } from '../../../../src/domain/record/record';

/**
 * Every date of the record resolved to its day, by field path (`promises[2].due` → `2026-12-11`),
 * with the same timeline the gate and the plan use: `kickoff+10bd` is overdue or not like the
 * day the issue will carry. A date whose anchor has no day yet is left out.
 */
export function resolvedDues(record: HandoffRecord): Map<string, string> {
  const { timeline } = resolveTimeline(record);
  const days = new Map<string, string>();
  for (const field of dateFields(record)) {
    const day = resolveDate(field.expression, timeline);
    if (day !== null) days.set(field.path, formatIsoDay(day));
  }
  return days;
}
