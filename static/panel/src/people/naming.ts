import type { HandoffRecord } from '../../../../src/domain/record/record';
import { pathOf, type Segment } from '../field-path';
import { placeOf } from '../gate/blocker-place';

/** A field of the record that names a person by e-mail: where it is and how the form calls it. */
export type Naming = { segments: Segment[]; path: string; label: string };

/**
 * Parts of the record that name people as history or as the customer, not as who does the work:
 * sign-offs and exception approvals say who did something, contacts are the customer's people,
 * and a recorded transfer is the hand-over itself. A transfer leaves them as they are.
 */
const NOT_WORK = new Set(['signoffs', 'transfer', 'customer', 'approvedBy']);

/**
 * Every field of the record that names `email` as who does the work — a role of `people`, an
 * owner, a chaser — in the record's order, labelled as the form labels it. A field naming a role
 * is not listed: it follows the role, so the role's line covers it.
 */
export function fieldsNaming(record: HandoffRecord, email: string): Naming[] {
  const wanted = email.trim().toLowerCase();
  const found: Naming[] = [];
  const walk = (value: unknown, segments: Segment[]) => {
    const last = segments[segments.length - 1];
    if (typeof last === 'string' && NOT_WORK.has(last)) return;
    if (typeof value === 'string') {
      if (value.toLowerCase() === wanted) {
        const path = pathOf(segments);
        found.push({ segments, path, label: placeOf(record, path).label });
      }
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...segments, i]));
    else if (typeof value === 'object' && value !== null)
      Object.entries(value).forEach(([k, v]) => walk(v, [...segments, k]));
  };
  walk(record, []);
  return found;
}
