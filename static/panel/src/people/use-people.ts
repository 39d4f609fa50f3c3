import { useEffect, useSyncExternalStore } from 'react';
import type { FoundPerson } from '../../../../src/domain/record/picked-person';
import { personOf, snapshot, subscribe, want } from './people-store';

export type People = {
  /** The person Jira knows by this e-mail; null: nobody; undefined: not answered yet. */
  personOf(email: string): FoundPerson | null | undefined;
  /** Their name, or the e-mail itself while unknown. */
  nameOf(email: string): string;
};

/**
 * Names for the e-mails a screen shows: asks for those not known yet (people-store.ts batches
 * and caches them for the whole page) and renders again when answers arrive.
 */
export function usePeople(emails: readonly string[]): People {
  useSyncExternalStore(subscribe, snapshot);
  const key = [...new Set(emails)].sort().join('\n');
  useEffect(() => want(key ? key.split('\n') : []), [key]);
  return { personOf, nameOf: (email) => personOf(email)?.displayName ?? email };
}
