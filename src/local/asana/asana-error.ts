/** What Asana adds to its errors, pointing at its documentation. */
const HELP = 'For more information on API status codes and how to handle them, read the docs on errors: https://developers.asana.com/docs/errors';

/** Asana's error body; a 401 carries the bare message, as Asana's edge sends it. */
export function errorBody(status: number, message: string, phrase?: string) {
  const error = status === 401 ? { message } : { message, help: HELP };
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
