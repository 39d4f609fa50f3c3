import type { Context } from 'hono';
import type { AsanaEnv } from './context.ts';
import { selection } from './opt-fields.ts';
import { represent, type Shape } from './render.ts';
import type { Kind } from './representation.ts';
import { viewerOf } from './request.ts';

/** `{ data: <object> }`, in the endpoint's form unless `opt_fields` chose the fields. */
export function single(c: Context<AsanaEnv>, kind: Kind, gid: string, form: Shape = 'full') {
  return c.json({ data: represent(viewerOf(c), kind, gid, selection(c) ?? form) });
}

/** 201 with the new object and, as Asana sends it, its address in `Location`. */
export function created(c: Context<AsanaEnv>, kind: Kind, gid: string, path: string, form: Shape = 'full') {
  return c.json({ data: represent(viewerOf(c), kind, gid, selection(c) ?? form) }, 201, { Location: path });
}

/** `{ data: {} }`: what Asana answers for actions that return nothing (addDependencies). */
export function empty(c: Context<AsanaEnv>) {
  return c.json({ data: {} });
}
