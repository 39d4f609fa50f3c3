/**
 * The CLI's exit codes, as scripts and CI rely on them. `crash` is sysexits' EX_SOFTWARE: a bug
 * in handoff itself, kept apart from 1 so that CI never reads "handoff broke" as "the record is
 * invalid" (or the other way round). `rateLimited` is EX_TEMPFAIL: the tracker's rate limit
 * stopped the run, nothing failed, and the same command run again later carries on.
 */
export const EXIT = { ok: 0, invalid: 1, usage: 2, notYet: 3, crash: 70, rateLimited: 75 } as const;

/**
 * What `--json` says a failure was (`{"error": {"kind", "message", "setting"?}}`): a kind a script
 * can branch on, and the setting to fix when there is one. Without it, the kind follows the exit code.
 */
export type FailureDetail = {
  kind: 'settings' | 'credentials' | 'permission' | 'api-not-found' | 'unreachable' | 'tracker';
  setting?: string;
};

/** Thrown anywhere below the entry point; main() turns it into a message and an exit code. */
export class CliExit extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly detail?: FailureDetail,
  ) {
    super(message);
  }
}
