import type { SignoffRole } from '../domain/record/scenarios';
import type { HandoffRecord } from '../domain/record/record';
import { signerOf, signerRefusal, type KnownSigner } from '../domain/record/signers';
import type { Account } from '../provision/change-types';
import { createSender, type RetryPolicy } from '../provision/retry';
import { trackerName } from '../domain/words';

/**
 * Who is signed in and who the record's people are, as the tracker knows them. `accountOf`
 * is the provisioning lookup (people-directory.ts), which finds people whose e-mail is hidden.
 */
export type PeopleLookup = {
  trackerName: string;
  me(): Promise<Account>;
  accountOf(email: string): Promise<string | null>;
  nameOf(account: string): Promise<string | null>;
};

/** A sign-off's signer as the panel shows it: may the signed-in person give it, and if not, why. */
export type SignerView = KnownSigner & { you: boolean; refusal: string | null };

/**
 * The sign-off's signer, looked up: their account, their name when it is someone else (the
 * refusal names them), and whether `me` may sign. One lookup per person, through `policy`.
 */
export async function signerFor(
  lookup: PeopleLookup,
  record: HandoffRecord,
  role: SignoffRole,
  policy: RetryPolicy,
): Promise<SignerView> {
  const send = createSender(policy);
  const signer = signerOf(record, role);
  const me = await send(() => lookup.me(), 'read');
  const email = signer.email;
  const account = email === null ? null : await send(() => lookup.accountOf(email), 'read');
  const name =
    account === null ? null : account === me.account ? me.name : await send(() => lookup.nameOf(account), 'read');
  const known = { ...signer, account, name };
  const refusal = signerRefusal(known, me, trackerName(lookup.trackerName));
  return { ...known, you: refusal === null, refusal };
}

/** Every sign-off's signer, for the panel: who the signed-in person is and which sign-offs are theirs. */
export async function signersFor(
  lookup: PeopleLookup,
  record: HandoffRecord,
  policy: RetryPolicy,
): Promise<Record<SignoffRole, SignerView>> {
  const view = (role: SignoffRole) => signerFor(lookup, record, role, policy);
  const [sales, operations, delivery] = await Promise.all([view('sales'), view('operations'), view('delivery')]);
  return { sales, operations, delivery };
}
