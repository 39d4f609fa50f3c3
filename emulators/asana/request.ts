import type { Context } from 'hono';
import { badRequest } from './asana-error';
import type { AsanaEnv, Viewer } from './context';

/** Who is asking, for lookups and views. */
export function viewerOf(c: Context<AsanaEnv>): Viewer {
  return { state: c.var.state, actor: c.var.actor, token: c.var.token, base: c.var.base };
}

/** A path parameter Hono matched (and percent-decoded); routes only ask for the ones their pattern declares. */
export function pathParam(c: Context<AsanaEnv>, name: string): string {
  return c.req.param(name) ?? '';
}

/** The `data` envelope of a write, which Asana requires to be an object. */
export function dataOf(c: Context<AsanaEnv>): Record<string, unknown> {
  const body = c.var.body;
  const data = typeof body === 'object' && body !== null && 'data' in body ? body.data : undefined;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw badRequest('data: Missing input');
  return Object.fromEntries(Object.entries(data));
}

/** A string field of the data, when present; anything else there is Asana's 400. */
export function optionalString(data: Record<string, unknown>, name: string): string | undefined {
  const value = data[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badRequest(`${name}: Not a string`);
  return value;
}

/** A list of gids (or e-mails) in the data, each a string. */
export function stringList(data: Record<string, unknown>, name: string): string[] | undefined {
  const value = data[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
    throw badRequest(`${name}: Not an array of strings`);
  return value;
}

/** `due_on`, `start_on`: a calendar date `YYYY-MM-DD`, or null to clear it. */
export function readDate(data: Record<string, unknown>, field: string): string | null | undefined {
  const value = data[field];
  if (value === undefined || value === null) return value;
  if (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)
  )
    return value;
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
