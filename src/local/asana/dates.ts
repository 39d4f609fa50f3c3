import { badRequest } from './asana-error.ts';

/** `due_on`, `start_on`: a calendar date `YYYY-MM-DD`, or null to clear it. */
export function readDate(data: Record<string, unknown>, field: string): string | null | undefined {
  const value = data[field];
  if (value === undefined || value === null) return value;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)) return value;
  throw badRequest(`${field}: Invalid date: ${String(value)}`);
}

/** `due_at`: an ISO 8601 date-time, or null; kept in UTC with milliseconds, as Asana answers it. */
export function readDateTime(data: Record<string, unknown>, field: string): string | null | undefined {
  const value = data[field];
  if (value === undefined || value === null) return value;
  const time = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) throw badRequest(`${field}: Invalid date-time: ${String(value)}`);
  return new Date(time).toISOString();
}
