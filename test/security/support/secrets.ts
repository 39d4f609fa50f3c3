import {
  LOCAL_ASANA_OAUTH_APP,
  LOCAL_ASANA_OAUTH_TOKEN,
  LOCAL_ASANA_PAT,
  LOCAL_ASANA_REFRESH_TOKEN,
} from '../../../emulators/asana/index';
import { LOCAL_ADMIN, LOCAL_VIEWER, localApiToken } from '../../../emulators/jira/index';

/** A Jira API token the local site does not know: its 401 must not echo it. */
export const WRONG_JIRA_TOKEN = 'ATATT3xFfGF0-wrong-jira-token-5d1c9e77';
/** An Asana token the local Asana does not know (personal access token shape). */
export const WRONG_ASANA_TOKEN = '2/1200000000000001/1209999999999999:deadbeefdeadbeefdeadbeefdeadbeef';
/** A client secret the local Asana's OAuth app does not have: its refusal must not echo it. */
export const WRONG_ASANA_CLIENT_SECRET = 'wrong-asana-client-secret-7a1e93c4b2d8f605';
/** A secret handed to the Forge app's error mapper (deps.secrets), which must redact it wherever it shows up. */
export const FORGE_SECRET = '2/1200000000000001/1208888888888888:0123456789abcdef0123456789abcdef';

const MEMBER_TOKEN = localApiToken('maria.lopez@vendor.example');

const basic = (email: string, token: string) => Buffer.from(`${email}:${token}`).toString('base64');

/** Every credential in play, by name; the Basic headers are secrets of their own. */
export const SECRETS: Record<string, string> = {
  'local Jira admin token': LOCAL_ADMIN.apiToken,
  'local Jira viewer token': LOCAL_VIEWER.apiToken,
  'local Jira member token': MEMBER_TOKEN,
  'wrong Jira token': WRONG_JIRA_TOKEN,
  'local Asana PAT': LOCAL_ASANA_PAT,
  'local Asana OAuth token': LOCAL_ASANA_OAUTH_TOKEN,
  'wrong Asana token': WRONG_ASANA_TOKEN,
  'local Asana OAuth client secret': LOCAL_ASANA_OAUTH_APP.clientSecret,
  'local Asana refresh token': LOCAL_ASANA_REFRESH_TOKEN,
  'wrong Asana client secret': WRONG_ASANA_CLIENT_SECRET,
  'Forge app secret': FORGE_SECRET,
  'admin Basic header': basic(LOCAL_ADMIN.email, LOCAL_ADMIN.apiToken),
  'viewer Basic header': basic(LOCAL_VIEWER.email, LOCAL_VIEWER.apiToken),
  'wrong-token Basic header': basic(LOCAL_ADMIN.email, WRONG_JIRA_TOKEN),
};

/**
 * The ways a secret can be written down: as is, URL-encoded, and base64 / base64url at each of
 * the three byte alignments it can take inside a longer encoded string (a Basic header holds
 * `email:token`, so the token's own base64 is not a substring of it).
 */
export function encodedForms(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret)]);
  for (const shift of [0, 1, 2]) {
    const bytes = Buffer.concat([Buffer.alloc(shift, 0x41), Buffer.from(secret)]);
    const encoded = bytes.toString('base64').replace(/=+$/, '');
    // Drop the characters that also encode the shift bytes or a partial last group.
    const start = shift === 0 ? 0 : 4;
    const whole = Math.floor(bytes.length / 3) * 4;
    const core = encoded.slice(start, whole);
    if (core.length >= 12) {
      forms.add(core);
      forms.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return [...forms];
}

/** Which secrets (by name and form) appear in any of `texts`: a passing test expects none. */
export function leaks(texts: readonly string[], secrets: Record<string, string> = SECRETS): string[] {
  const found: string[] = [];
  for (const [name, secret] of Object.entries(secrets)) {
    for (const form of encodedForms(secret)) {
      const where = texts.findIndex((text) => text.includes(form));
      const text = texts[where] ?? '';
      // Says where, never the secret itself: the test's own output is a log too.
      if (where >= 0)
        found.push(
          `${name} (${form === secret ? 'as is' : 'encoded'}) in text #${where}, after: ` +
            `…${text.slice(Math.max(0, text.indexOf(form) - 60), text.indexOf(form))}`,
        );
    }
  }
  return found;
}
