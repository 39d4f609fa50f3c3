import type { HandoffRecord, PeopleRole } from './record';
import type { SignoffRole } from './scenarios';

/**
 * Who gives each sign-off: the person the record's `people` names for it. Sales falls back to
 * the account owner, since many deals have no separate sales owner. Kept here, pure, so the
 * resolver that records a sign-off and the panel that offers one apply the same rule.
 */
const SIGNER_ROLES: Record<SignoffRole, readonly [PeopleRole, ...PeopleRole[]]> = {
  sales: ['sales-owner', 'account-owner'],
  operations: ['operations-owner'],
  delivery: ['delivery-owner'],
};

/** The person who may give `role`'s sign-off (null: nobody is named yet) and the field that names them. */
export type Signer = { role: SignoffRole; field: string; email: string | null };

export function signerOf(record: HandoffRecord, role: SignoffRole): Signer {
  const roles = SIGNER_ROLES[role];
  const filled = roles.find((r) => record.people?.[r]);
  const field = `people.${filled ?? roles[0]}`;
  return { role, field, email: filled ? (record.people?.[filled] ?? null) : null };
}

/**
 * The signer as the tracker knows them: `account` null when nobody there has the e-mail,
 * `name` their display name when looked up.
 */
export type KnownSigner = Signer & { account: string | null; name: string | null };

/**
 * Why the person signed in (`me`) may not give this sign-off, in a sentence naming who may and
 * the field to change; null when they may. Accounts are compared, never e-mails: the tracker
 * may hide the signed-in person's e-mail.
 */
export function signerRefusal(
  signer: KnownSigner,
  me: { account: string; name: string },
  trackerName: string,
): string | null {
  const { role, field, email, account, name } = signer;
  if (email === null)
    return (
      `Nobody may sign off ${role} yet: the record names no one for it. ` +
      `Set ${field}${role === 'sales' ? ' (or people.account-owner)' : ''} to the person who signs.`
    );
  if (account === null)
    return (
      `Only ${email} (${field}) may sign off ${role}, and ${trackerName} knows nobody by that e-mail: ` +
      `invite them, or change ${field}.`
    );
  if (account === me.account) return null;
  return (
    `Only ${name ?? email} (${field}) may sign off ${role}; you are signed in as ${me.name}. ` +
    `If you should sign, change ${field}.`
  );
}
