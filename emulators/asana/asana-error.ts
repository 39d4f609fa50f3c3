/** What Asana adds to its errors, pointing at its documentation. */
const HELP =
  'For more information on API status codes and how to handle them, ' +
  'read the docs on errors: https://developers.asana.com/docs/errors';

/**
 * Asana's error body. Refusals of a request (400, 402, 403, 404) point at the docs in
 * `help`; a 401, a 429 and a 5xx carry the bare message, a 500 its error phrase, as Asana's
 * documentation shows them.
 */
export function errorBody(status: number, message: string, phrase?: string) {
  const error = [400, 402, 403, 404].includes(status) ? { message, help: HELP } : { message };
  return { errors: [phrase === undefined ? error : { ...error, phrase }] };
}

/**
 * A refusal thrown anywhere below a route and answered once, by the app's error handler
 * (or the Batch API's, for one action), with its status and Asana's body.
 */
export class AsanaError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string): AsanaError => new AsanaError(400, message);
export const paymentRequired = (message: string): AsanaError => new AsanaError(402, message);
export const forbidden = (message: string): AsanaError => new AsanaError(403, message);
export const notFound = (message: string): AsanaError => new AsanaError(404, message);
