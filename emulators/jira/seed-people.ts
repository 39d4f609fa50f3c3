import type { SiteState, User } from './site-state';

/**
 * People as a real site has them, beside the example people (seed.ts): some hide their e-mail
 * in their Atlassian profile, and some have left and been deactivated while their tickets
 * still name them. Kept apart from the rest of the seed so that it reads (and merges) alone.
 */

/** An example person who owns work in the examples (westmere) and hides their e-mail. */
export const PRIVATE_PERSON = 'owen.hughes@westmere.example';

/**
 * Someone who has left: deactivated, e-mail hidden. Not an example person, so no example
 * record asks for them; a test that needs a leaver who owns work provisions it to someone and
 * then retires them (`POST /__emulator/users`), as an admin does in admin.atlassian.com.
 */
export const LEAVER = { email: 'kai.lindqvist@vendor.example', displayName: 'Kai Lindqvist' } as const;

/** Hides the private person's e-mail and adds the leaver. `addPerson` is seed.ts's way of adding someone. */
export function seedPrivateAndDeparted(
  state: SiteState,
  addPerson: (email: string, displayName: string) => User,
): void {
  const existing = state.users.find((u) => u.email === PRIVATE_PERSON);
  if (existing) existing.emailHidden = true;
  const leaver = addPerson(LEAVER.email, LEAVER.displayName);
  leaver.emailHidden = true;
  leaver.active = false;
}
