/**
 * What Forge hands a web trigger function (events-reference/web-trigger): the body as text,
 * headers and query parameters as lists of values, by the names the caller sent.
 */
export type WebTriggerRequest = {
  method?: string;
  headers?: Headers;
  body?: string;
  path?: string;
  userPath?: string;
  queryParameters?: Record<string, readonly string[] | undefined>;
};

/** What a `dynamic` web trigger must answer, or the caller gets a 500 (runtime-reference/web-trigger). */
export type WebTriggerResponse = { statusCode: number; headers: Record<string, string[]>; body: string };

/** Each header's values by name; Forge gives lists, and a lone string is read as one value all the same. */
export type Headers = Record<string, readonly string[] | string | undefined>;

/** A header's first value, whatever case the caller wrote its name in (HTTP names are case-blind). */
export function header(headers: Headers, name: string): string | undefined {
  const wanted = name.toLowerCase();
  const key = Object.keys(headers).find((k) => k.toLowerCase() === wanted);
  const value = key === undefined ? undefined : headers[key];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

export const headerOf = (request: WebTriggerRequest, name: string) => header(request.headers ?? {}, name);

/** A web trigger's answer; no header unless one is given. */
export function answer(statusCode: number, body = '', headers: Record<string, string[]> = {}): WebTriggerResponse {
  return { statusCode, headers, body };
}
