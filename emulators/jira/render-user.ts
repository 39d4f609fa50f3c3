import type { User } from './site-state';

/**
 * A user as Jira Cloud shows one to another user. The e-mail is included: on the local site
 * every profile's e-mail is visible, which is what lets the app map e-mail → account id.
 * Only the properties `UserDetails` allows, so the same shape fits comments and fields.
 */
export function userJson(base: string, user: User) {
  const id = encodeURIComponent(user.accountId);
  return {
    self: `${base}/rest/api/3/user?accountId=${id}`,
    accountId: user.accountId,
    accountType: 'atlassian',
    emailAddress: user.email,
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
