import { Command, CommanderError } from 'commander';
import { CliExit, EXIT } from './exit-codes';
import { TrackerError } from '../provision/tracker-error';
import { RateLimitedUntil } from '../provision/rate-limited';
import { rateLimitSentence } from './rate-limit-message';
import { processIo, type CliIo } from './io';
import { validateCommand } from './commands/validate';
import { gateCommand } from './commands/gate';
import { planCommand } from './commands/plan';
import { summaryCommand } from './commands/summary';
import { provisionCommand } from './commands/provision';
import { emulateCommand, untilSignalled } from './commands/emulate';
import { devCommand } from './commands/dev';
import { changeCommand } from './commands/change';
import { transferCommand } from './commands/transfer';
import { historyCommand } from './commands/history';
import { coverageCommand } from './commands/coverage';

/**
 * The `handoff` CLI. Runs a command and returns its exit code: 0 valid/go, 1 invalid record
 * (or a failed provisioning), 2 usage error, 3 the gate says not yet, 70 a bug in handoff,
 * 75 the tracker's rate limit stopped the run (run it again later).
 * No stack traces reach the user unless asked for with `--debug`: every expected failure
 * below is a CliExit with a sentence.
 */
export async function main(
  argv: readonly string[],
  io: CliIo = processIo,
  stopSignal: () => Promise<void> = untilSignalled,
): Promise<number> {
  const program = new Command('handoff')
    .description('Sales → delivery handoff records: validate, gate, plan and provision them into Jira or Asana.')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run with --help for usage)')
    .option('--debug', 'print the stack trace of an unexpected error, for a bug report');
  for (const add of [validateCommand, gateCommand, planCommand, summaryCommand, provisionCommand]) add(program, io);
  emulateCommand(program, io, stopSignal);
  devCommand(program, io, stopSignal);
  for (const add of [changeCommand, transferCommand, historyCommand, coverageCommand]) add(program, io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    return exitCodeOf(error, io, program.getOptionValue('debug') === true);
  }
}

function exitCodeOf(error: unknown, io: CliIo, debug: boolean): number {
  if (error instanceof CliExit) {
    if (error.message) io.err(error.message);
    return error.code;
  }
  if (error instanceof RateLimitedUntil) {
    io.err(rateLimitSentence(error, Date.now()));
    return EXIT.rateLimited;
  }
  if (error instanceof CommanderError) {
    // --help and --version "fail" with exit code 0; everything else commander rejects is usage.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  // A tracker that refused or could not be reached, or a file or port the machine would not
  // give: the command failed, handoff did not.
  if (outsideFailure(error)) {
    io.err(`handoff: ${message}`);
    return EXIT.invalid;
  }
  io.err(
    [
      `handoff: internal error: ${message}`,
      'This is a bug in handoff, not a problem with your record or tracker. Please report it in the',
      "repository's issues with the command you ran and its output when run again with --debug.",
      ...(debug ? [error instanceof Error && error.stack ? error.stack : message] : []),
    ].join('\n'),
  );
  return EXIT.crash;
}

/** A TrackerError or a Node system error (ENOENT, EACCES, ECONNREFUSED…), itself or as the cause of one. */
function outsideFailure(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof TrackerError) return true;
    if ('code' in e && typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code)) return true;
  }
  return false;
}
