import type { ExternalAuthFetchMethods } from '@forge/api';
import { asanaOAuthApp } from '../../trackers/asana/asana-oauth';
import type { AsanaConnection, AsanaUser } from './asana-access';

/** Where Asana's API sits on the manifest's `asana-api` remote (https://app.asana.com). */
const API_PATH = '/api/1.0';
const API_URL = `https://app.asana.com${API_PATH}`;

/**
 * The user's Asana through Forge external authentication: the manifest's `asana` provider on its
 * `asana-api` remote. Forge adds their token to each request and renews it; the app never sees it.
 * Tokens from the provider are OAuth tokens of the app, so tasks carry their `external` data.
 */
export function forgeAsanaUser(provider: ExternalAuthFetchMethods): AsanaUser {
  return {
    connection: { basePath: API_PATH, tokenKind: 'oauth', send: (path, init) => provider.fetch(path, init) },
    connected: () => provider.hasCredentials(),
    account: async () => {
      const account = await provider.getAccount();
      return account ? { id: account.id, name: account.displayName } : null;
    },
    connect: async () => {
      await provider.requestCredentials();
    },
  };
}

/**
 * Background work's Asana: the same OAuth app the provider uses (so it reads the `external` data
 * the user's runs wrote), with a refresh token an admin set as encrypted variables
 * (`forge variables set --encrypt ASANA_REFRESH_TOKEN …`). Null when they are not all set.
 */
export function forgeAsanaApp(env: NodeJS.ProcessEnv): AsanaConnection | null {
  const grant = asanaOAuthApp.safeParse({
    clientId: env.ASANA_CLIENT_ID,
    clientSecret: env.ASANA_CLIENT_SECRET,
    refreshToken: env.ASANA_REFRESH_TOKEN,
  });
  return grant.success ? { basePath: API_URL, tokenKind: 'oauth', oauth: grant.data } : null;
}
