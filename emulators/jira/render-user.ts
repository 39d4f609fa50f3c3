import type { User } from './site-state';

/**
 * A user as Jira Cloud shows one to `viewer`. A person who hides their e-mail in their
 * profile has no `emailAddress` for anyone but themselves: "if the user has chosen to hide
 * fields in their profile, your apps will not be able to retrieve those fields via the API"
 * (developer.atlassian.com/cloud/jira/platform/profile-visibility). Only the properties
 * `UserDetails` allows, so the same shape fits comments and fields.
 */
export function userJson(base: string, user: User, viewer: User) {
  const id = encodeURIComponent(user.accountId);
  const showEmail = !user.emailHidden || user.accountId === viewer.accountId;
  return {
    self: `${base}/rest/api/3/user?accountId=${id}`,
    accountId: user.accountId,
    accountType: 'atlassian',
    ...(showEmail ? { emailAddress: user.email } : {}),
    avatarUrls: Object.fromEntries(
      ['48x48', '24x24', '16x16', '32x32'].map((size) => [
        size,
        `${base}/secure/useravatar?size=${size}&ownerId=${id}`,
      ]),
    ),
    displayName: user.displayName,
    active: user.active,
    timeZone: user.timeZone,
  };
}
