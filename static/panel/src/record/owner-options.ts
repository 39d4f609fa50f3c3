import { PEOPLE_ROLES } from '../../../../src/domain/record/record';
import { valueAt, type RecordDoc } from './yaml-doc';

/**
 * What an owner field suggests: the people roles this record
 * fills, then every e-mail it names for them and its contacts.
 */
export function ownerOptions(doc: RecordDoc): string[] {
  const people = valueAt(doc, ['people']);
  const filled = PEOPLE_ROLES.flatMap((role) => {
    const email =
      typeof people === 'object' && people !== null ? Object.getOwnPropertyDescriptor(people, role)?.value : undefined;
    return typeof email === 'string' ? [{ role, email }] : [];
  });
  const contacts = valueAt(doc, ['customer', 'contacts']);
  const contactEmails = Array.isArray(contacts)
    ? contacts.flatMap((c: unknown) => {
        const email =
          typeof c === 'object' && c !== null ? Object.getOwnPropertyDescriptor(c, 'email')?.value : undefined;
        return typeof email === 'string' ? [email] : [];
      })
    : [];
  return [...new Set([...filled.map((f) => f.role), ...filled.map((f) => f.email), ...contactEmails])];
}
