import type { Context } from 'hono';
import type { JiraEnv } from './context';
import { badRequest } from './jira-error';

/** Every value of a query parameter, commas split: `fields=a,b&fields=c` → `[a, b, c]`. */
export function queryList(c: Context<JiraEnv>, name: string): string[] | undefined {
  const values = c.req.queries(name);
  return values
    ?.flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

/** A whole-number query parameter, with Jira's sentence when it is not one. */
export function queryInt(c: Context<JiraEnv>, name: string, fallback: number): number {
  const text = c.req.query(name);
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value)) throw badRequest(`Failed to convert '${name}' with value: '${text}'`);
  return value;
}

/** A path parameter Hono matched; routes only ask for the ones their pattern declares. */
export function pathParam(c: Context<JiraEnv>, name: string): string {
  return decodeURIComponent(c.req.param(name) ?? '');
}
