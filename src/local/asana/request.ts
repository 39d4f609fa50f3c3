import type { Context } from 'hono';
import { badRequest } from './asana-error.ts';
import type { AsanaEnv, Viewer } from './context.ts';

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
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw badRequest(`${name}: Not an array of strings`);
  return value;
}
