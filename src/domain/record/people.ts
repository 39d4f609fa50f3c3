import { PEOPLE_ROLES, type HandoffRecord, type PeopleRole } from './record';

export type Owner = { kind: 'person'; email: string; role?: PeopleRole } | { kind: 'unfilled-role'; role: PeopleRole };

function isRole(ref: string): ref is PeopleRole {
  return PEOPLE_ROLES.some((role) => role === ref);
}

/** An owner reference (role of `people` or e-mail) → the person, or the role nobody fills yet. */
export function resolveOwner(record: HandoffRecord, ref: string | undefined): Owner | null {
  if (ref === undefined) return null;
  if (!isRole(ref)) return { kind: 'person', email: ref };
  const email = record.people?.[ref];
  return email ? { kind: 'person', email, role: ref } : { kind: 'unfilled-role', role: ref };
}

export function ownerEmail(record: HandoffRecord, ref: string | undefined): string | null {
  const owner = resolveOwner(record, ref);
  return owner?.kind === 'person' ? owner.email : null;
}

/** A customer's or vendor's task is chased by someone of ours: `chaser`, else the comms owner. */
export function chaserRef(dependency: {
  side: string;
  chaser?: string | undefined;
  owner?: string | undefined;
}): string | undefined {
  return dependency.side === 'internal' ? dependency.owner : (dependency.chaser ?? 'comms-owner');
}

/** The display name of a person when the record knows it (customer contacts), else the e-mail. */
export function personName(record: HandoffRecord, email: string): string {
  return record.customer.contacts?.find((c) => c.email === email)?.name ?? email;
}

/** Who a tracked item is assigned to: its owner, or for customer and vendor work, our chaser. */
export function assigneeRef(item: {
  owner?: string | undefined;
  side?: string | undefined;
  chaser?: string | undefined;
}): string | undefined {
  return item.side === undefined ? item.owner : chaserRef({ side: item.side, chaser: item.chaser, owner: item.owner });
}
