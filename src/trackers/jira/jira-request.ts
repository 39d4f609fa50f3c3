import { noAnswerWithin, REQUEST_TIMEOUT_MS } from '../../provision/request-timeout';
import { noticeIfSlow, type WaitNotice } from '../../provision/wait-notice';
import type { JiraPath } from './jira-path';

/** What the adapter needs of a response: Node's fetch Response and Forge's APIResponse both fit. */
export type JiraResponse = {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
};

export type JiraRequestInit = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: string;
  headers: Record<string, string>;
};

/**
 * The one function the adapter talks to Jira through. In Forge it is `requestJira` (with the
 * path rebuilt by `route`); in Node it is `fetch` against `JIRA_BASE_URL` with Basic auth.
 */
export type JiraRequest = (path: JiraPath, init: JiraRequestInit) => Promise<JiraResponse>;

/** Node's fetch against a Jira Cloud site (or the local one) with an API token. */
export function basicAuthRequest(options: {
  baseUrl: string;
  email: string;
  apiToken: string;
  fetch?: typeof fetch;
  /** Per request, answer included (default REQUEST_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Told when a request is still unanswered after a while (the retry policy's onWait). */
  onWait?: (notice: WaitNotice) => void;
}): JiraRequest {
  const base = options.baseUrl.replace(/\/+$/, '');
  const authorization = `Basic ${Buffer.from(`${options.email}:${options.apiToken}`).toString('base64')}`;
  const send = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  return async (path, init) => {
    const signal = AbortSignal.timeout(timeoutMs);
    const operation = `${init.method} ${path.text.split('?')[0]}`;
    const answered = noticeIfSlow(options.onWait, { tracker: 'jira', operation, timeoutMs });
    try {
      const response = await send(`${base}${path.text}`, {
        method: init.method,
        body: init.body,
        headers: { ...init.headers, authorization },
        signal,
      });
      // The body is read later, under the same deadline: a server that stops mid-answer times out too.
      return { status: response.status, headers: response.headers, text: () => bounded(response.text(), signal) };
    } catch (error) {
      throw new Error(signal.aborted ? noAnswerWithin(timeoutMs) : unreachable(error), { cause: error });
    } finally {
      answered();
    }
  };
}

/** What Node's "fetch failed" hides in its cause: `connection refused (ECONNREFUSED)`, `no such host (ENOTFOUND)`. */
const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name could not be looked up',
  ECONNRESET: 'the connection was reset',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  CERT_HAS_EXPIRED: 'the server’s certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server’s certificate is self-signed',
};

function unreachable(error: unknown): string {
  const messages: string[] = [];
  for (let e = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = 'code' in e && typeof e.code === 'string' ? e.code : undefined;
    if (code) return `${NETWORK_CODES[code] ?? e.message} (${code})`;
    messages.push(e.message);
  }
  return messages.join(': ') || String(error);
}

async function bounded(body: Promise<string>, signal: AbortSignal): Promise<string> {
  try {
    return await body;
  } catch (error) {
    throw signal.aborted ? new Error('the answer stopped before it was complete') : error;
  }
}
