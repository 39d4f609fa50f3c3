// Named imports: the package's `module` build (what Atlassian's bundler picks) has no default export.
import {
  ApiClient,
  BatchAPIApi,
  ProjectsApi,
  SectionsApi,
  StoriesApi,
  TasksApi,
  TeamsApi,
  TypeaheadApi,
  UsersApi,
  WebhooksApi,
  WorkspacesApi,
} from 'asana';
import { z } from 'zod';
import { ApiNotFound, TrackerError } from '../../provision/tracker-error';
import { noAnswerWithin, REQUEST_TIMEOUT_MS } from '../../provision/request-timeout';
import { noticeIfSlow, type WaitNotice } from '../../provision/wait-notice';
import { asanaInFlight, loadOf } from './asana-in-flight';
import { createAccessTokens, sendWithAccessTokens, tokenUrlFor, type AsanaOAuthApp } from './asana-oauth';
import { sendThrough, type AsanaSend } from './asana-send';

/** The official SDK's clients this adapter uses, sharing one configured ApiClient. */
export type AsanaApis = ReturnType<typeof createAsanaApis>;

/**
 * With `oauth`, access tokens come from the app's refresh token, renewed before the hour is up
 * or on a 401 (see asana-oauth.ts); `token` is then not used. Without it, `token` is sent as is:
 * a personal access token never expires. With `send`, every request goes through it and it
 * authenticates them itself (Forge's external-auth fetch): `basePath` is then a path (`/api/1.0`).
 */
export function createAsanaApis(options: {
  basePath: string;
  token?: string;
  oauth?: AsanaOAuthApp;
  send?: AsanaSend;
  timeoutMs?: number;
}) {
  const client = new ApiClient();
  // The SDK's own default is 60 s a request; ours is the product's one request timeout.
  client.timeout = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  client.basePath = options.basePath.replace(/\/+$/, '');
  client.authentications.token = { type: 'oauth2', accessToken: options.token };
  const tokens =
    options.oauth &&
    createAccessTokens(options.oauth, { tokenUrl: tokenUrlFor(client.basePath), timeoutMs: client.timeout });
  if (tokens) sendWithAccessTokens(client, tokens);
  if (options.send) sendThrough(client, options.send, client.timeout);
  // Plain `{ data, next_page }` pages instead of the SDK's auto-paginating collections: the
  // engine counts every request, so pagination must be explicit.
  client.RETURN_COLLECTION = false;
  return {
    tasks: new TasksApi(client),
    projects: new ProjectsApi(client),
    sections: new SectionsApi(client),
    users: new UsersApi(client),
    stories: new StoriesApi(client),
    batch: new BatchAPIApi(client),
    typeahead: new TypeaheadApi(client),
    workspaces: new WorkspacesApi(client),
    teams: new TeamsApi(client),
    webhooks: new WebhooksApi(client),
    /** Requests the OAuth token refresh added (its POSTs, requests sent again after a 401): they count too. */
    tokenRequests: () => tokens?.requests() ?? 0,
  };
}

/** What superagent (under the SDK) rejects with: an HTTP error with a response, or a network error. */
const sdkError = z
  .object({
    status: z.number().optional(),
    /** superagent sets the timeout it gave up after. */
    timeout: z.number().optional(),
    message: z.string().optional(),
    response: z
      .object({
        headers: z.record(z.string(), z.unknown()).optional(),
        body: z
          .object({ errors: z.array(z.object({ message: z.string() })).optional() })
          .loose()
          .optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

/**
 * Counts requests and turns the SDK's errors into TrackerErrors that say where:
 * `[asana] 403 on POST /tasks: …`. The SDK has no 429 handling of its own; the engine's one
 * retry policy sees `retryAfterSeconds` here. Every request waits for its places under Asana's
 * concurrent request limits (15 writes, 50 reads in flight, a batch weighing its actions), so
 * the adapter's own requests never meet that 429 however many the engine starts at once; a
 * `POST /batch` must therefore say its actions. The places are this caller's: one tracker a token.
 */
export function createAsanaCaller(slow: { timeoutMs?: number; onWait?: (notice: WaitNotice) => void } = {}) {
  let requests = 0;
  const timeoutMs = slow.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const places = asanaInFlight();
  async function call<T, O extends string>(
    operation: O,
    send: () => Promise<T>,
    ...batch: O extends 'POST /batch' ? [actions: readonly { method: string }[]] : []
  ): Promise<T> {
    requests += 1;
    const release = await places(loadOf(operation, batch[0]));
    // Told only once the request is sent: waiting for a place is not Asana being slow.
    const answered = noticeIfSlow(slow.onWait, { tracker: 'asana', operation, timeoutMs });
    try {
      return await send();
    } catch (cause) {
      throw toTrackerError(operation, cause);
    } finally {
      answered();
      release();
    }
  }
  return { call, requests: () => requests };
}

export function toTrackerError(operation: string, cause: unknown): TrackerError | ApiNotFound {
  // Already said where: a refused token refresh names its own endpoint.
  if (cause instanceof TrackerError) return cause;
  const parsed = sdkError.safeParse(cause);
  const error = parsed.success ? parsed.data : {};
  const status = typeof error.status === 'number' ? error.status : null;
  const messages = error.response?.body?.errors?.map((e) => e.message) ?? [];
  // Asana's "Unknown object" 404 names the object; no message, or "No matching route", means
  // the base URL does not lead to the API (a mistyped path in it).
  if (status === 404 && (messages.length === 0 || messages.some((m) => m.startsWith('No matching route'))))
    return new ApiNotFound({ tracker: 'asana', operation, detail: messages[0] ?? 'no Asana error body' });
  const retryAfter = Number(error.response?.headers?.['retry-after']);
  // No `cause`: superagent's error holds the request, Authorization header and token included,
  // and would show it to anything that logs the error in depth.
  return new TrackerError({
    tracker: 'asana',
    operation,
    status,
    detail:
      messages.join('; ') ||
      (status === null && error.timeout !== undefined ? noAnswerWithin(error.timeout) : error.message) ||
      String(cause),
    retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : null,
  });
}
