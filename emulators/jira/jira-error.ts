/** Jira's error body: sentences in `errorMessages`, field problems in `errors`. */
export type ErrorCollection = { errorMessages: string[]; errors: Record<string, string> };

/**
 * A refusal thrown anywhere below a route and answered once, by the app's error handler,
 * with its status and Jira's body.
 */
export class JiraError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`[local-jira] ${status}: ${JSON.stringify(body)}`);
  }
}

export function errorCollection(messages: string[], errors: Record<string, string> = {}): ErrorCollection {
  return { errorMessages: messages, errors };
}

export const badRequest = (message: string): JiraError => new JiraError(400, errorCollection([message]));
export const fieldErrors = (errors: Record<string, string>): JiraError =>
  new JiraError(400, errorCollection([], errors));
export const notFound = (message: string): JiraError => new JiraError(404, errorCollection([message]));
export const forbidden = (message: string): JiraError => new JiraError(403, errorCollection([message]));

/** What Jira says of an issue that does not exist or that the caller may not browse. */
export const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';
