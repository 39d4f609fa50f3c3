import { validateRecord } from '../../domain/record/read-record';
import type { HandoffRecord } from '../../domain/record/record';
import type { Account } from '../../provision/change-types';
import { createJiraTracker } from '../../trackers/jira/jira-tracker';
import { signerFor, signersFor, type SignerView } from '../../usecases/signers';
import type { SignoffRole } from '../../domain/record/scenarios';
import { HandoffError } from '../errors';
import { jiraPeopleLookup } from '../jira/people-lookup';
import type { SignOffPayload } from './payloads';
import type { Caller } from './resolver-kit';

type Signoffs = NonNullable<HandoffRecord['signoffs']>;
export type { SignerView };

/** Who the panel is signed in as, and which sign-offs are theirs to give (null: no valid record saved yet). */
export type WhoAmIView = {
  accountId: string;
  displayName: string;
  signers: Record<SignoffRole, SignerView> | null;
};

/** The caller's Jira as a people lookup, for one invocation (its answers are kept for the rest of it). */
function lookupOf(caller: Caller) {
  const tracker = createJiraTracker({ request: caller.jira, projectKey: caller.projectKey, siteUrl: caller.siteUrl });
  return jiraPeopleLookup(tracker, caller.jira);
}

export async function whoAmI(caller: Caller, record: HandoffRecord | null): Promise<WhoAmIView> {
  const lookup = lookupOf(caller);
  const me = await lookup.me();
  const signers = record && (await signersFor(lookup, record, caller.policy));
  return { accountId: me.account, displayName: me.name, signers };
}

/**
 * The signed-in person, when the record's people say they give this sign-off; otherwise a
 * FORBIDDEN naming who may and the field to change. Whatever the panel sent, the sign-off is
 * theirs: a payload naming someone else is refused by its schema before this.
 */
export async function signingAs(
  caller: Caller,
  record: HandoffRecord,
  role: SignoffRole,
): Promise<{ email: string; me: Account }> {
  const lookup = lookupOf(caller);
  const signer = await signerFor(lookup, record, role, caller.policy);
  if (signer.refusal !== null || signer.email === null)
    throw new HandoffError('FORBIDDEN', signer.refusal ?? `Nobody may sign off ${role} yet.`, [
      { path: signer.field, message: `names who signs off ${role}` },
    ]);
  return { email: signer.email, me: await lookup.me() };
}

/**
 * The record with one sign-off set (replacing that role's earlier one), validated as a whole:
 * sales states there are no undocumented promises, operations that it received the handoff,
 * delivery that it is ready or what blocks it. `by` is the signer's e-mail, as the record keeps people.
 */
export function withSignoff(record: HandoffRecord, payload: SignOffPayload, by: string, today: string): HandoffRecord {
  const signoffs: Signoffs = { ...record.signoffs };
  if (payload.role === 'sales') signoffs.sales = { by, at: today, statement: 'no-undocumented-promises' };
  else if (payload.role === 'operations') signoffs.operations = { by, at: today };
  else
    signoffs.delivery = {
      by,
      at: today,
      status: payload.status,
      ...(payload.blockers?.length ? { blockers: payload.blockers } : {}),
    };
  const result = validateRecord({ ...record, signoffs });
  if (!result.ok) throw new HandoffError('INVALID_RECORD', 'The sign-off does not fit the record.', result.problems);
  return result.value;
}

/** The history line: the sign-off, and who clicked — their name and Jira account, since names are not unique. */
export function describeSignoff(payload: SignOffPayload, clicked: Account): string {
  const state =
    payload.role === 'delivery'
      ? ` (${payload.status}${payload.blockers?.length ? `: ${payload.blockers.join('; ')}` : ''})`
      : '';
  return `${payload.role} signed off by ${clicked.name} (Jira account ${clicked.account})${state}`;
}
