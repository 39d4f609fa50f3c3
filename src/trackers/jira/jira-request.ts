import { noAnswerWithin, REQUEST_TIMEOUT_MS } from '../../provision/request-timeout';
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
}): JiraRequest {
  const base = options.baseUrl.replace(/\/+$/, '');
  const authorization = `Basic ${Buffer.from(`${options.email}:${options.apiToken}`).toString('base64')}`;
  const send = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  return async (path, init) => {
    const signal = AbortSignal.timeout(timeoutMs);
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
      throw signal.aborted ? new Error(noAnswerWithin(timeoutMs)) : error;
    }
  };
}

async function bounded(body: Promise<string>, signal: AbortSignal): Promise<string> {
  try {
    return await body;
  } catch (error) {
    throw signal.aborted ? new Error('the answer stopped before it was complete') : error;
  }
}
