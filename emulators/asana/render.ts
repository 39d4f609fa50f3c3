import type { Viewer } from './context';
import type { Selection } from './opt-fields';
import { Ref, type Kind } from './representation';
import { VIEWS } from './views/index';

/** Which fields to render: a named form, an endpoint's own list, or what `opt_fields` asked for. */
export type Shape = 'compact' | 'full' | readonly string[] | Selection;

const NOTHING: Selection = new Map();

/**
 * Renders an object as Asana does. Without `opt_fields`, the endpoint's form: references
 * inside it in their default shape. With `opt_fields`, the `gid` and exactly the fields
 * named; a reference named bare is `{ gid, resource_type }`, one named with sub-fields is
 * `{ gid, ...those }`; a plain value object (`external`, `memberships` items) named bare
 * comes whole. Fields the object does not have (or the viewer may not see) are left out.
 */
export function represent(v: Viewer, kind: Kind, gid: string, shape: Shape): Record<string, unknown> {
  const view = VIEWS[kind];
  const fields = view.fields(v, gid);
  if (!fields) return { gid, resource_type: view.resourceType };
  if (shape instanceof Map) {
    const out: Record<string, unknown> = { gid };
    for (const [name, below] of shape)
      if (name !== 'gid' && name in fields) out[name] = selected(v, valueOf(fields[name]), below);
    return out;
  }
  const names =
    shape === 'compact'
      ? view.compact
      : shape === 'full'
        ? Object.keys(fields).filter((n) => !view.optIn.includes(n))
        : shape;
  return Object.fromEntries(names.filter((n) => n in fields).map((n) => [n, byDefault(v, valueOf(fields[n]))]));
}

function valueOf(field: unknown): unknown {
  return typeof field === 'function' ? field() : field;
}

function byDefault(v: Viewer, value: unknown): unknown {
  if (value instanceof Ref)
    return value.shape === 'identity' ? identity(value) : represent(v, value.kind, value.gid, 'compact');
  if (Array.isArray(value)) return value.map((item) => byDefault(v, item));
  if (isPlainObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, item]) => [k, byDefault(v, item)]));
  return value;
}

function selected(v: Viewer, value: unknown, below: Selection): unknown {
  if (value instanceof Ref) return below.size === 0 ? identity(value) : represent(v, value.kind, value.gid, below);
  if (Array.isArray(value)) return value.map((item) => selected(v, item, below));
  if (isPlainObject(value)) {
    const entries =
      below.size === 0
        ? Object.entries(value).map(([k, item]) => [k, selected(v, item, NOTHING)])
        : [...below].filter(([k]) => k in value).map(([k, sub]) => [k, selected(v, value[k], sub)]);
    return Object.fromEntries(entries);
  }
  return value;
}

function identity(ref: Ref): { gid: string; resource_type: string } {
  return { gid: ref.gid, resource_type: VIEWS[ref.kind].resourceType };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Ref);
}
