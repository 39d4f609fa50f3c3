import { NAMED_AT_ONCE, type FoundPerson } from '../../../../src/domain/record/picked-person';
import * as api from '../api';

/**
 * Who each e-mail of the record is, as Jira knows them: asked once per address for the whole
 * page (every screen that shows people reads this one cache), in one `namePeople` call for all
 * the addresses wanted in the same moment. null: nobody Jira can name by that address; an
 * address not answered yet is simply absent, and is shown as the e-mail meanwhile.
 */
const names = new Map<string, FoundPerson | null>();
const asked = new Set<string>();
const listeners = new Set<() => void>();
let wanted: string[] = [];
let version = 0;

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Changes whenever an answer arrives, so a component reading `personOf` renders again. */
export const snapshot = () => version;

export function personOf(email: string): FoundPerson | null | undefined {
  return names.get(email.toLowerCase());
}

/** Remembers people the page met in a search, so a picked person is named at once, without asking again. */
export function remember(email: string, person: FoundPerson): void {
  const key = email.toLowerCase();
  names.set(key, person);
  asked.add(key);
  changed();
}

/** Asks for the addresses not asked yet; the calls of one moment are sent together. */
export function want(emails: readonly string[]): void {
  const fresh = emails.map((e) => e.toLowerCase()).filter((e) => e.includes('@') && !asked.has(e));
  if (!fresh.length) return;
  fresh.forEach((e) => asked.add(e));
  if (!wanted.length) queueMicrotask(send);
  wanted.push(...fresh);
}

function send(): void {
  const batch = wanted;
  wanted = [];
  for (let i = 0; i < batch.length; i += NAMED_AT_ONCE) {
    const part = batch.slice(i, i + NAMED_AT_ONCE);
    void api.namePeople({ emails: part }).then((answer) => {
      // A failed lookup leaves the e-mails shown as they are, and lets a later screen ask again.
      if (!answer.ok) part.forEach((e) => asked.delete(e));
      else for (const email of part) names.set(email, answer.value[email] ?? null);
      changed();
    });
  }
}

function changed(): void {
  version += 1;
  listeners.forEach((listener) => listener());
}
