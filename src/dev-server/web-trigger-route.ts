import type { WebTriggerRequest, WebTriggerResponse } from '../forge/web-trigger';

/**
 * A Forge web trigger served from this machine, as the platform serves it: the request handed
 * over in the trigger's shape (headers and query parameters as lists, the body as text), the
 * answer sent back as the handler gives it.
 */
export function servedAsWebTrigger(
  handler: (request: WebTriggerRequest) => Promise<WebTriggerResponse>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const headers: Record<string, string[]> = {};
    request.headers.forEach((value, name) => {
      headers[name] = [value];
    });
    const queryParameters: Record<string, string[]> = {};
    url.searchParams.forEach((value, name) => {
      queryParameters[name] = [...(queryParameters[name] ?? []), value];
    });
    const answer = await handler({
      method: request.method,
      headers,
      body: await request.text(),
      path: url.pathname,
      queryParameters,
    });
    const out = new Headers();
    for (const [name, values] of Object.entries(answer.headers)) for (const v of values) out.append(name, v);
    return new Response(answer.body, { status: answer.statusCode, headers: out });
  };
}
