import { PEOPLE_ROLES, type PeopleRole } from '../../../../src/domain/record/record';
import type { FoundPerson } from '../../../../src/domain/record/picked-person';

/** Who the record already names: the person filling each role, and the customer's contacts. */
export type RecordPeople = { roles: Partial<Record<PeopleRole, string>>; contacts: readonly string[] };

/**
 * One line of the owner list. `role`: the field stores the role; `known`: an e-mail the record
 * already names; `found`: a person from Jira's search (their e-mail may be hidden).
 */
export type Suggestion =
  | { kind: 'role'; role: PeopleRole; email: string | null }
  | { kind: 'known'; email: string }
  | { kind: 'found'; person: FoundPerson };

export const roleLabel = (role: string) => role.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());

/**
 * What the owner list offers for `query`, most specific first: the record's roles (an owner
 * field only; filled ones first), the people the record already names, then Jira's matches
 * that are not among them. `nameOf` matches a known e-mail by its person's name as well.
 */
export function suggestions(input: {
  query: string;
  roles: boolean;
  people: RecordPeople;
  found: readonly FoundPerson[];
  nameOf(email: string): string;
  /** The Jira account of an e-mail the record names, once Jira has said. */
  accountOf?(email: string): string | undefined;
}): Suggestion[] {
  const query = input.query.trim().toLowerCase();
  const matches = (...texts: string[]) => !query || texts.some((t) => t.toLowerCase().includes(query));
  const roles: Suggestion[] = input.roles
    ? PEOPLE_ROLES.filter((role) => matches(role, roleLabel(role)))
        .map((role) => ({ kind: 'role' as const, role, email: input.people.roles[role] ?? null }))
        .sort((a, b) => Number(a.email === null) - Number(b.email === null))
    : [];
  const knownEmails = [...new Set([...Object.values(input.people.roles), ...input.people.contacts])];
  const known: Suggestion[] = knownEmails
    .filter((email) => matches(email, input.nameOf(email)))
    .map((email) => ({ kind: 'known', email }));
  const named = new Set(knownEmails.map((e) => e.toLowerCase()));
  // Someone the record names is offered once: by e-mail, or — Jira hiding it — by the account that e-mail is.
  const accounts = new Set(knownEmails.flatMap((e) => input.accountOf?.(e) ?? []));
  const found: Suggestion[] = input.found
    .filter((p) => !(p.email && named.has(p.email.toLowerCase())) && !accounts.has(p.accountId))
    .map((person) => ({ kind: 'found', person }));
  return [...roles, ...known, ...found];
}
