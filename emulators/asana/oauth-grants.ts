import { randomBytes } from 'node:crypto';
import type { Clock } from '../common/clock';

/**
 * The local Asana's one OAuth app, as if registered at app.asana.com/0/my-apps with Full
 * permissions. Fixed, so that a test or `handoff emulate asana` can hand them to the CLI.
 */
export const LOCAL_ASANA_OAUTH_APP = {
  clientId: '1200000000000042',
  clientSecret: 'local-asana-client-secret-5f0c2b7d9e4a1c38',
} as const;

/** Asana's access tokens last an hour: every token answer says `expires_in: 3600`. */
export const ACCESS_TOKEN_SECONDS = 3600;

/** An authorization code lasts this long (Asana's lifetime for codes is not documented; OAuth 2.0 says short). */
export const AUTHORIZATION_CODE_SECONDS = 600;

/** What a person allowed on the consent page, for the app to exchange once for tokens. */
export type CodeGrant = {
  userGid: string;
  redirectUri: string;
  /** PKCE (RFC 7636), when the app sent a challenge: the verifier must match it. */
  challenge: { value: string; method: 'S256' | 'plain' } | null;
};

export type OAuthGrants = ReturnType<typeof createOAuthGrants>;

/**
 * The OAuth access tokens in force, each for an hour of the emulator's clock. Every person's
 * derived token (`LOCAL_ASANA_OAUTH_TOKEN` for the admin) counts as issued when the local Asana
 * starts; `POST /-/oauth_token` issues random ones, kept in this process only (a second
 * process sharing the data directory does not know them, as it would not share Asana's
 * sessions either).
 */
export function createOAuthGrants(clock: Clock) {
  const lifetimeMs = ACCESS_TOKEN_SECONDS * 1000;
  const startedAt = clock.now();
  const issued = new Map<string, { userGid: string; expiresAt: number }>();
  const codes = new Map<string, CodeGrant & { expiresAt: number }>();
  return {
    /** A single-use authorization code for what the person allowed, valid for AUTHORIZATION_CODE_SECONDS. */
    issueCode(grant: CodeGrant): string {
      const code = `local-code.${randomBytes(20).toString('hex')}`;
      codes.set(code, { ...grant, expiresAt: clock.now() + AUTHORIZATION_CODE_SECONDS * 1000 });
      return code;
    },
    /** The grant behind a code, once: a code is gone after its first use, right or wrong, and when expired. */
    redeemCode(code: string): CodeGrant | undefined {
      const grant = codes.get(code);
      codes.delete(code);
      return grant && clock.now() < grant.expiresAt ? grant : undefined;
    },
    /** A new access token for a person, valid for the next hour. */
    issue(userGid: string): string {
      const accessToken = `local-oauth.${randomBytes(20).toString('hex')}`;
      issued.set(accessToken, { userGid, expiresAt: clock.now() + lifetimeMs });
      return accessToken;
    },
    /** Whose issued token this is, while it is in force; an expired one is forgotten. */
    holderOf(accessToken: string): string | undefined {
      const grant = issued.get(accessToken);
      if (grant && clock.now() >= grant.expiresAt) issued.delete(accessToken);
      return grant && clock.now() < grant.expiresAt ? grant.userGid : undefined;
    },
    /** Whether the derived tokens, issued at start, are still in force. */
    derivedInForce(): boolean {
      return clock.now() < startedAt + lifetimeMs;
    },
  };
}
