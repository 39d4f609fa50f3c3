import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** A status an error handler may answer with a body (Hono's JSON and text helpers want that type). */
export function contentfulStatus(status: number): ContentfulStatusCode {
  return isContentful(status) ? status : 500;
}

function isContentful(status: number): status is ContentfulStatusCode {
  return status >= 200 && status <= 599 && status !== 204 && status !== 205 && status !== 304;
}
