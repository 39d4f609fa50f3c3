import type { ApiClient } from 'asana';

/**
 * One HTTP exchange with Asana, however it travels: Forge's external-auth fetch
 * (`asUser().withProvider('asana', 'asana-api').fetch`), which adds the user's token itself and
 * takes a path on the remote; or a plain fetch with a token. `path` starts at the API's base
 * (`/api/1.0/tasks?…`); the answer is what a fetch Response offers.
 */
export type AsanaSend = (
  path: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;

/**
 * Sends every request the official SDK builds through `send` instead of its own superagent, so the
 * one adapter serves the CLI (the SDK's own sending) and the Forge app (whose user tokens never
 * leave Forge: only its fetch can use them). The SDK has no transport option; `callApi` is the one
 * method every generated API calls, so it is replaced, keeping the SDK's URL building, parameter
 * encoding and answer decoding. A refusal is thrown in superagent's shape (`status`,
 * `response.headers`, `response.body`), which is what `toTrackerError` reads.
 */
export function sendThrough(client: ApiClient, send: AsanaSend, timeoutMs: number): void {
  client.callApi = async (path, httpMethod, pathParams, queryParams, headerParams, _form, bodyParam, ...rest) => {
    const returnType = rest[rest.length - 1];
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(client.normalizeParams(queryParams))) query.set(key, String(value));
    const url = client.buildUrl(path, pathParams) + (query.size ? `?${query.toString()}` : '');
    const headers: Record<string, string> = {
      ...client.defaultHeaders,
      ...client.normalizeParams(headerParams),
      Accept: 'application/json',
      ...(bodyParam ? { 'Content-Type': 'application/json' } : {}),
    };
    const response = await withTimeout(
      send(url, {
        method: httpMethod.toUpperCase(),
        headers,
        body: bodyParam ? JSON.stringify(body(bodyParam)) : undefined,
      }),
      timeoutMs,
    );
    const text = await response.text();
    const parsed: unknown = text ? safeJson(text) : null;
    const answer = {
      status: response.status,
      body: parsed,
      text,
      headers: { 'retry-after': response.headers.get('retry-after') ?? undefined },
    };
    if (response.status >= 400)
      throw Object.assign(new Error(`Asana answered ${response.status}`), {
        status: response.status,
        response: answer,
      });
    return { data: client.deserialize(answer, returnType), response: answer };
  };
}

/** The SDK renames a body's `public` to `_public` (a reserved word in its generator); Asana wants `public`. */
function body(param: { data?: Record<string, unknown> }) {
  if (!param.data || !('_public' in param.data)) return param;
  const { _public, ...data } = param.data;
  return { ...param, data: { ...data, public: _public } };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** superagent's timeout error carries `timeout`, which toTrackerError turns into "no answer within …". */
function withTimeout<T>(answer: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer in ${ms} ms`), { timeout: ms })), ms);
  });
  return Promise.race([answer, late]).finally(() => clearTimeout(timer));
}
