import type { PersonDirectory } from '../domain/gate/gate';
import type { Plan } from '../domain/plan/plan';
import type { ProvisioningTracker } from './tracker';
import { createSender, type RetryPolicy } from './retry';

/** E-mail → tracker account (null: nobody by that e-mail), looked up once per person. */
export type Accounts = ReadonlyMap<string, string | null>;

/** Every person the plan assigns work to. */
export function assigneesOf(plan: Plan): string[] {
  return [...new Set(plan.items.flatMap((i) => (i.assignee ? [i.assignee] : [])))].sort();
}

/**
 * Looks up each assignee once (the tracker's user search), so the gate can say who cannot be
 * assigned before anything is created, and the engine can assign without asking again.
 */
export async function lookUpPeople(
  tracker: ProvisioningTracker,
  emails: readonly string[],
  policy: RetryPolicy,
): Promise<Accounts> {
  const accounts = new Map<string, string | null>();
  const send = createSender(policy);
  for (const email of emails) accounts.set(email, await send(() => tracker.findPerson(email), 'read'));
  return accounts;
}

/** The gate's person port, answered from looked-up accounts. */
export function directoryOf(tracker: ProvisioningTracker, accounts: Accounts): PersonDirectory {
  return { trackerName: tracker.name, isKnown: (email) => Boolean(accounts.get(email)) };
}
