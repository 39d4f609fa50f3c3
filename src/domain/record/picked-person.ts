/**
 * A person as the tracker's user search shows them. `email` is null when their profile hides it:
 * Jira Cloud returns `emailAddress` only if the person lets it be seen ("profile visibility"),
 * while a search by their exact address still finds them.
 */
export type FoundPerson = { accountId: string; displayName: string; avatarUrl: string | null; email: string | null };

/** What a search answered: the text searched for and who it found. */
export type PeopleSearch = { query: string; found: readonly FoundPerson[] };

/** What the record stores for a picked person (their e-mail), or that their e-mail must be asked for. */
export type PickedEmail = { kind: 'email'; email: string } | { kind: 'hidden'; person: FoundPerson };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The record names people by e-mail (an owner is an e-mail or a role of `people`), so a person
 * picked from the search becomes an e-mail: the one their profile shows; else the e-mail that
 * was searched for, when the search was an exact e-mail and found this person and nobody else
 * (the address is theirs: Jira matched it, it just would not show it); else nothing we could
 * know — their e-mail is hidden, and the panel asks for it and checks it by the same rule.
 */
export function pickedEmail(person: FoundPerson, search: PeopleSearch): PickedEmail {
  if (person.email) return { kind: 'email', email: person.email.toLowerCase() };
  const query = search.query.trim().toLowerCase();
  const onlyThem = search.found.length === 1 && search.found[0]?.accountId === person.accountId;
  return EMAIL.test(query) && onlyThem ? { kind: 'email', email: query } : { kind: 'hidden', person };
}

/**
 * Addresses named in one lookup (the `namePeople` resolver and the panel that batches for it):
 * more than any record has people, few enough for one resolver's time budget.
 */
export const NAMED_AT_ONCE = 60;
