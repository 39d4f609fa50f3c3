import type { ApiClient } from 'asana';
import { z } from 'zod';
import { TrackerError } from '../../provision/tracker-error';

/** An app registered at app.asana.com/0/my-apps, and the refresh token a person's authorization gave it. */
export const asanaOAuthApp = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  refreshToken: z.string().min(1),
});
export type AsanaOAuthApp = z.infer<typeof asanaOAuthApp>;

/** Asana's token endpoint sits at the site's root: https://app.asana.com/-/oauth_token. */
export function tokenUrlFor(basePath: string): string {
  return new URL('/-/oauth_token', basePath).toString();
}

/** Refresh this long before the hour is up, so that a request in flight does not outlive its token. */
const EARLY_MS = 60_000;

const tokenAnswer = z.object({ access_token: z.string().min(1), expires_in: z.number().positive() });
const refusal = z.object({ error: z.string(), error_description: z.string().optional() }).loose();

const OPERATION = 'POST /-/oauth_token';

export type AccessTokens = ReturnType<typeof createAccessTokens>;

/**
 * Access tokens for an OAuth app, from its refresh token: Asana's last an hour
 * (`expires_in: 3600`), so a long run outlives several. One refresh at a time: requests that
 * need a token while one is on its way wait for it. Neither the secret nor the refresh token
 * ever goes into an error: a refusal says what Asana answered (`invalid_grant`) and nothing more.
 */
export function createAccessTokens(
  app: AsanaOAuthApp,
  options: { tokenUrl: string; timeoutMs: number; now?: () => number },
) {
  const now = options.now ?? Date.now;
  let current: { token: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;
  let requests = 0;

  async function refresh(): Promise<string> {
    requests += 1;
    let response: Response;
    try {
      response = await fetch(options.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          client_id: app.clientId,
          client_secret: app.clientSecret,
          refresh_token: app.refreshToken,
        }).toString(),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      const detail = `no answer from Asana's token endpoint (${error instanceof Error ? error.name : 'error'})`;
      throw new TrackerError({ tracker: 'asana', operation: OPERATION, status: null, detail });
    }
    const body: unknown = await response.json().catch(() => undefined);
    const answer = tokenAnswer.safeParse(body);
    if (!response.ok || !answer.success) {
      const refused = refusal.safeParse(body);
      const said = refused.success
        ? [refused.data.error, refused.data.error_description].filter(Boolean).join(': ')
        : 'no token in the answer';
      throw new TrackerError({
        tracker: 'asana',
        operation: OPERATION,
        status: response.ok ? 502 : response.status,
        detail: `the OAuth app's refresh was refused (${said}): check its client id, its secret and the refresh token`,
      });
    }
    current = { token: answer.data.access_token, expiresAt: now() + answer.data.expires_in * 1000 };
    return current.token;
  }

  function refreshOnce(): Promise<string> {
    pending ??= refresh().finally(() => {
      pending = undefined;
    });
    return pending;
  }

  return {
    /** The token to send now; refreshed first when there is none yet or it is about to expire. */
    fresh(): Promise<string> | string {
      if (pending) return pending;
      if (current && now() < current.expiresAt - EARLY_MS) return current.token;
      return refreshOnce();
    },
    /** After a 401 to a request sent with `stale`: a newer token, refreshing unless another request already did. */
    renew(stale: string): Promise<string> | string {
      if (pending) return pending;
      if (current && current.token !== stale) return current.token;
      return refreshOnce();
    },
    /** Requests this added: refreshes, and requests sent again after a 401. */
    requests: () => requests,
    /** Counts a request sent again with a renewed token. */
    resent(): void {
      requests += 1;
    },
  };
}

/**
 * Every request of the SDK's client goes out with a fresh access token, and a 401 (the token
 * expired early, or was revoked and renewed) renews it and sends the request once more: a 401
 * means Asana did nothing, so the second send cannot double a write.
 */
export function sendWithAccessTokens(client: ApiClient, tokens: AccessTokens): void {
  const send = client.callApi.bind(client);
  const sendWith = (accessToken: string, args: Parameters<ApiClient['callApi']>) => {
    // The SDK reads the token when it builds the request, synchronously inside callApi.
    client.authentications.token = { type: 'oauth2', accessToken };
    return send(...args);
  };
  client.callApi = async (...args) => {
    const token = await tokens.fresh();
    try {
      return await sendWith(token, args);
    } catch (error) {
      if (!(typeof error === 'object' && error !== null && 'status' in error && error.status === 401)) throw error;
      const renewed = await tokens.renew(token);
      tokens.resent();
      return sendWith(renewed, args);
    }
  };
}
