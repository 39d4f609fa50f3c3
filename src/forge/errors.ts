import type { Problem } from '../domain/problem';
import { RateLimitedUntil } from '../provision/rate-limited';
import { TrackerError } from '../provision/tracker-error';
import { UnsafePathError } from '../trackers/jira/jira-path';
import { OutOfTime } from './queue/job-deadline';

/**
 * `CONFLICT`: the request is valid but the state says no (a change on
 * an outdated record, a rejected change, an edit after provisioning).
 */
export type ErrorCode =
  | 'FORBIDDEN'
  | 'BAD_REQUEST'
  | 'NOT_FOUND'
  | 'INVALID_RECORD'
  | 'NOT_YET'
  | 'BUSY'
  | 'CONFLICT'
  | 'TRACKER'
  | 'RATE_LIMITED'
  /** The record goes to Asana and whoever acts has no Asana grant: the page offers Connect Asana. */
  | 'NOT_CONNECTED'
  | 'INTERNAL';

/** What a resolver answers on failure: a code the panel branches on and a sentence a person can act on. */
export type ResolverError = { code: ErrorCode; message: string; path?: string; problems?: Problem[] };
export type ResolverResult<T> = { ok: true; value: T } | { ok: false; error: ResolverError };

/** An expected failure (refused, invalid, busy…), thrown where it is found and mapped once at the edge. */
export class HandoffError extends Error {
  readonly code: ErrorCode;
  readonly problems: Problem[] | undefined;

  constructor(code: ErrorCode, message: string, problems?: Problem[]) {
    super(message);
    this.name = 'HandoffError';
    this.code = code;
    this.problems = problems;
  }
}

const UNEXPECTED =
  'Handoff failed unexpectedly. Nothing was lost; try again, ' +
  'and if it keeps failing ask an admin to read the app logs.';

/**
 * The one place errors become `{ ok: false }`: expected failures keep their message (secrets
 * redacted), Jira's errors keep their layer, anything else is logged and answered with a
 * sentence — never a stack trace.
 */
export function toFailure(
  error: unknown,
  secrets: readonly string[],
  log: (line: string) => void,
): { ok: false; error: ResolverError } {
  const clean = (text: string) => redact(text, secrets);
  if (error instanceof HandoffError) {
    // A path can hold what the caller typed (an unknown field's name), so it is cleaned too.
    const problems = error.problems?.map((p) => ({ ...p, path: clean(p.path), message: clean(p.message) }));
    return {
      ok: false,
      error: {
        code: error.code,
        message: clean(error.message),
        ...(problems?.[0] ? { path: problems[0].path, problems } : {}),
      },
    };
  }
  if (error instanceof RateLimitedUntil)
    return { ok: false, error: { code: 'RATE_LIMITED', message: waitMessage(error) } };
  if (error instanceof OutOfTime) return { ok: false, error: { code: 'TRACKER', message: TOO_SLOW } };
  if (error instanceof TrackerError) {
    const refused = error.status === 401 || error.status === 403;
    return { ok: false, error: { code: refused ? 'FORBIDDEN' : 'TRACKER', message: clean(error.message) } };
  }
  if (error instanceof UnsafePathError)
    return { ok: false, error: { code: 'BAD_REQUEST', message: clean(error.message) } };
  log(clean(`[forge] unexpected: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
  return { ok: false, error: { code: 'INTERNAL', message: UNEXPECTED } };
}

/** For the triggers and the consumer, where no person sees the answer: every failure goes to the app's log. */
export function logFailure(
  where: string,
  error: unknown,
  secrets: readonly string[],
  log: (line: string) => void,
): void {
  const { error: mapped } = toFailure(error, secrets, log);
  if (mapped.code !== 'INTERNAL') log(`[forge] ${where}: ${mapped.code}: ${mapped.message}`);
}

const TOO_SLOW =
  "Jira answered too slowly for this to finish inside Forge's 25-second limit; " +
  'it stopped before that, nothing was lost — try again in a minute.';

/** Jira's quota (or rate) refused the call; the panel can try again after the reset. */
function waitMessage(error: RateLimitedUntil): string {
  const minute = new Date(Math.ceil(error.until / 60_000) * 60_000).toISOString().slice(11, 16);
  return `Jira's rate limit stops this until ${minute} UTC; nothing is lost — try again after that.`;
}

/** The sentence a journal or comment may show for a failure: Jira's and ours as they are, anything else hidden. */
export function publicMessage(error: unknown, secrets: readonly string[]): string {
  if (error instanceof RateLimitedUntil) return waitMessage(error);
  const known = error instanceof HandoffError || error instanceof TrackerError || error instanceof UnsafePathError;
  return known ? redact(error.message, secrets) : UNEXPECTED;
}

/** Replaces every secret value in a text; short values are left alone so ordinary words survive. */
export function redact(text: string, secrets: readonly string[]): string {
  return secrets.filter((s) => s.length >= 8).reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}
