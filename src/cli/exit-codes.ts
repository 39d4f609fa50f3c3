/** The CLI's exit codes, as scripts and CI rely on them. */
export const EXIT = { ok: 0, invalid: 1, usage: 2, notYet: 3 } as const;

/** Thrown anywhere below the entry point; main() turns it into a message and an exit code. */
export class CliExit extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}
