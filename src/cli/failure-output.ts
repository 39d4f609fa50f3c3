import { CommanderError } from 'commander';
import { CliExit, EXIT, type FailureDetail } from './exit-codes';
import { ApiNotFound, TrackerError } from '../provision/tracker-error';
import { RateLimitedUntil } from '../provision/rate-limited';
import { rateLimitSentence } from './rate-limit-message';

/**
 * A failed command as main() reports it: the exit code, what stderr says (commander has already
 * said its own), and the object `--json` prints on stdout when the command printed nothing
 * there: `{"error": {"kind", "message", "setting"?, "until"?}}`.
 */
export type Failure = {
  code: number;
  said: string | null;
  error: { kind: string; message: string; setting?: string; until?: string };
};

/** The kind `--json` gives a failure that names none, after its exit code. */
const KIND_OF_EXIT: Record<number, string> = {
  [EXIT.usage]: 'usage',
  [EXIT.invalid]: 'invalid',
  [EXIT.notYet]: 'not-yet',
  [EXIT.rateLimited]: 'rate-limited',
  [EXIT.crash]: 'internal',
};

export function failureOf(error: unknown, debug: boolean, now: number): Failure {
  if (error instanceof CliExit) return exitFailure(error);
  if (error instanceof RateLimitedUntil) {
    const message = rateLimitSentence(error, now);
    const until = new Date(Math.ceil(error.until / 60_000) * 60_000).toISOString();
    return { code: EXIT.rateLimited, said: message, error: { kind: 'rate-limited', message, until } };
  }
  if (error instanceof CommanderError)
    // --help and --version "fail" with exit code 0; everything else commander rejects is usage.
    return error.exitCode === 0
      ? { code: EXIT.ok, said: null, error: { kind: 'none', message: '' } }
      : { code: EXIT.usage, said: null, error: { kind: 'usage', message: error.message.replace(/^error: /, '') } };
  const message = error instanceof Error ? error.message : String(error);
  // A tracker that refused or could not be reached, or a file or port the machine would not
  // give: the command failed, handoff did not.
  const outside = outsideKind(error);
  if (outside) return exitFailure(new CliExit(EXIT.invalid, `handoff: ${message}`), outside);
  const said = [
    `handoff: internal error: ${message}`,
    'This is a bug in handoff, not a problem with your record or tracker. Please report it in the',
    "repository's issues with the command you ran and its output when run again with --debug.",
    ...(debug ? [error instanceof Error && error.stack ? error.stack : message] : []),
  ].join('\n');
  return { code: EXIT.crash, said, error: { kind: 'internal', message: `internal error: ${message}` } };
}

function exitFailure(exit: CliExit, kind?: string): Failure {
  const detail: Partial<FailureDetail> = exit.detail ?? {};
  return {
    code: exit.code,
    said: exit.message || null,
    error: {
      kind: kind ?? detail.kind ?? KIND_OF_EXIT[exit.code] ?? 'failed',
      message: exit.message.replace(/^handoff: /, ''),
      ...(detail.setting ? { setting: detail.setting } : {}),
    },
  };
}

/** A TrackerError, ApiNotFound or Node system error (ENOENT, EACCES, ECONNREFUSED…), itself or as a cause. */
function outsideKind(error: unknown): string | null {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof TrackerError) return 'tracker';
    if (e instanceof ApiNotFound) return 'api-not-found';
    if ('code' in e && typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code)) return 'system';
  }
  return null;
}
