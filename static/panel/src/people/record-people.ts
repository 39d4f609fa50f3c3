import { createContext, useContext } from 'react';
import { PEOPLE_ROLES } from '../../../../src/domain/record/record';
import { valueAt, type RecordDoc } from '../record/yaml-doc';
import type { RecordPeople } from './suggestions';

const NOBODY: RecordPeople = { roles: {}, contacts: [] };
const RecordPeopleContext = createContext<RecordPeople>(NOBODY);

/** The draft's people for every owner field of the form (RecordEditor provides it). */
export const RecordPeopleProvider = RecordPeopleContext.Provider;
export const useRecordPeople = () => useContext(RecordPeopleContext);

/** Who the draft names: each role of `people` it fills, and its customer contacts' e-mails. */
export function recordPeople(doc: RecordDoc): RecordPeople {
  const people = valueAt(doc, ['people']);
  const textAt = (value: unknown, key: string) => {
    const found =
      typeof value === 'object' && value !== null ? Object.getOwnPropertyDescriptor(value, key)?.value : null;
    return typeof found === 'string' && found.includes('@') ? found : null;
  };
  const roles = Object.fromEntries(
    PEOPLE_ROLES.flatMap((role) => {
      const email = textAt(people, role);
      return email ? [[role, email]] : [];
    }),
  );
  const list = valueAt(doc, ['customer', 'contacts']);
  const contacts = Array.isArray(list) ? list.flatMap((c: unknown) => textAt(c, 'email') ?? []) : [];
  return { roles, contacts };
}
