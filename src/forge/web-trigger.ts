/**
 * What Forge hands a web trigger function (events-reference/web-trigger): the body as text,
 * headers and query parameters as lists of values, by the names the caller sent.
 */
export type WebTriggerRequest = {
  method?: string;
  headers?: Record<string, readonly string[] | undefined>;
  body?: string;
  path?: string;
  userPath?: string;
  queryParameters?: Record<string, readonly string[] | undefined>;
};

/** What a `dynamic` web trigger must answer, or the caller gets a 500 (runtime-reference/web-trigger). */
export type WebTriggerResponse = { statusCode: number; headers: Record<string, string[]>; body: string };

/** A header's first value, whatever case the caller wrote its name in (HTTP names are case-blind). */
export function headerOf(request: WebTriggerRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return Object.entries(request.headers ?? {}).find(([key]) => key.toLowerCase() === wanted)?.[1]?.[0];
}
