import { z } from 'zod';

/**
 * Jira's keys as Jira makes them, said once: the record names a kickoff issue, the CLI, the
 * Forge app and the Jira adapter refuse anything else before it can reach a request path
 * (`DEL-1/../x`, `DEL?x`, `#`).
 */

/** An issue key: its project's key, a dash, a number (DEL-12). */
export const JIRA_ISSUE_KEY = /^[A-Z][A-Z0-9_]+-\d+$/;
/** A project key: a capital letter, then 1–9 capitals, digits or _ (DEL). */
export const JIRA_PROJECT_KEY = /^[A-Z][A-Z0-9_]{1,9}$/;

export const jiraIssueKey = z.string().regex(JIRA_ISSUE_KEY, 'a Jira issue key such as DEL-12');
export const jiraProjectKey = z.string().regex(JIRA_PROJECT_KEY, 'a Jira project key such as DEL');

/**
 * A change request's key in either tracker: a Jira issue key, or an Asana task gid (digits only, so it
 * cannot climb out of a path either). Which one a project's requests have is its target's to say.
 */
export const changeRequestKey = z.union([jiraIssueKey, z.string().regex(/^\d{1,30}$/, 'an Asana task gid')]);

/** The project an issue key names: DEL of DEL-12. */
export const projectOfIssueKey = (key: string): string => key.slice(0, key.lastIndexOf('-'));
