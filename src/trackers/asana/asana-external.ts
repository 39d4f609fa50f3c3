import { createHash } from 'node:crypto';
import { handoffProperty, type HandoffProperty } from '../../provision/tracker';

/**
 * Asana's `external` field (OAuth only): a gid of ours that finds the task again
 * (`GET /tasks/external:<gid>`), and a data blob carrying the handoff property. Item ids
 * contain slashes, which a path cannot, so the external gid is a hash of the item id.
 */
export function externalGid(itemId: string): string {
  return `handoff-${createHash('sha256').update(itemId).digest('hex').slice(0, 40)}`;
}

export function externalOf(property: HandoffProperty): { gid: string; data: string } {
  return { gid: externalGid(property.itemId), data: JSON.stringify(property) };
}

/** The property in an external data blob, if it is one of ours. */
export function propertyInExternal(data: string | null | undefined): HandoffProperty | null {
  if (!data) return null;
  try {
    const parsed = handoffProperty.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
