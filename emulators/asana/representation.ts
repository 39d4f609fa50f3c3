import type { Viewer } from './context';

/** The kinds of object the local Asana renders. */
export type Kind = 'user' | 'workspace' | 'team' | 'project' | 'section' | 'task' | 'story' | 'webhook';

/**
 * A reference from one object to another inside a view. Rendered by default as the other
 * object's compact form, or only as `{ gid, resource_type }` where Asana's schema says so
 * (`dependencies`, `created_by`).
 */
export class Ref {
  constructor(
    readonly kind: Kind,
    readonly gid: string,
    readonly shape: 'compact' | 'identity' = 'compact',
  ) {}
}

/** A field's value, or a function computing it only when it is rendered (dependents scan every task). */
export type Fields = Record<string, unknown>;

/**
 * How one kind of object looks: every field it has (its full representation), which of
 * them make up its compact form (what lists return), and which are Asana's "opt in"
 * fields, left out of the full form unless `opt_fields` asks for them.
 */
export type View = {
  resourceType: string;
  compact: readonly string[];
  optIn: readonly string[];
  /** The object's fields as this viewer sees them, or undefined when it does not exist. */
  fields(v: Viewer, gid: string): Fields | undefined;
};
