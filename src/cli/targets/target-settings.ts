import { z } from 'zod';
import { CliExit, EXIT } from '../exit-codes';

/**
 * What a failure sentence names about the tracker a command reached: where requests went (never
 * with a user, password or query) and which settings chose it, so that "cannot reach" and
 * "refused the credentials" can say what to fix. The embedded local tracker has no settings.
 */
export type TargetSettings = {
  tracker: 'jira' | 'asana';
  url: string;
  /** The variable the URL came from (JIRA_BASE_URL, JIRA_API_BASE_URL, ASANA_BASE_URL). */
  urlSetting?: string;
  /** The variables of the credentials: `JIRA_EMAIL / JIRA_API_TOKEN`, `ASANA_TOKEN`. */
  credentialSettings?: string;
  /** Who the requests are made as: `the account in JIRA_EMAIL`. */
  account: string;
  /** The project key or gid, or the workspace. */
  where: string;
};

/** The URL as it may be printed: origin and path only. */
export function printableUrl(text: string): string {
  const url = new URL(text);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/**
 * A URL setting: a URL, and never one with a user or password in it — they would travel in
 * the clear in logs and error messages (attack F13); the credentials have their own variables.
 * The message never echoes the value.
 */
export const urlSetting = z.url({ error: 'must be a URL such as https://example.com' }).refine((text) => {
  // Not a URL at all is said by the check above (a refinement runs after a failed check too).
  const url = URL.parse(text);
  return url === null || (url.username === '' && url.password === '');
}, 'must not contain a user or password (put the credentials in their own variables)');

/** HANDOFF_REQUEST_TIMEOUT_MS: how long one request may go unanswered (a slow network, or a test). */
export const requestTimeoutSetting = z.coerce.number().int().min(100).max(600_000).optional();

/**
 * `bad Jira settings: JIRA_BASE_URL must not contain a user or password`: every problem, by
 * variable, never with its value.
 */
export function badSettings(tracker: 'Jira' | 'Asana', issues: readonly z.core.$ZodIssue[]): CliExit {
  const said = issues.map((i) => {
    const name = i.path.join('.');
    return i.message.startsWith('must ') ? `${name} ${i.message}` : `${name}: ${i.message}`;
  });
  const first = issues[0]?.path.join('.');
  return new CliExit(EXIT.usage, `bad ${tracker} settings: ${said.join('; ')}`, {
    kind: 'settings',
    ...(first ? { setting: first } : {}),
  });
}
