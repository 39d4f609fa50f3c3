import { badRequest, type JiraError } from '../jira-error';

/** A JQL problem in Jira's words; `at` is the 0-based offset, shown 1-based as Jira does. */
export function jqlError(message: string, at?: number): JiraError {
  return badRequest(`Error in the JQL Query: ${message}${at === undefined ? '' : ` (line 1, character ${at + 1})`}`);
}

export const VALID_OPERATORS =
  "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.";
