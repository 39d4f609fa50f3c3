import { Command, CommanderError } from 'commander';
import { CliExit, EXIT } from './exit-codes.ts';
import { processIo, type CliIo } from './io.ts';
import { validateCommand } from './commands/validate.ts';
import { gateCommand } from './commands/gate.ts';
import { planCommand } from './commands/plan.ts';
import { summaryCommand } from './commands/summary.ts';
import { provisionCommand } from './commands/provision.ts';
import { emulateCommand, untilSignalled } from './commands/emulate.ts';
import { devCommand } from './commands/dev.ts';
import { changeCommand } from './commands/change.ts';
import { transferCommand } from './commands/transfer.ts';
import { historyCommand } from './commands/history.ts';
import { coverageCommand } from './commands/coverage.ts';

/**
 * The `handoff` CLI. Runs a command and returns its exit code: 0 valid/go, 1 invalid record
 * (or a failed provisioning), 2 usage error, 3 the gate says not yet. No stack traces reach
 * the user: every failure below is a CliExit with a sentence.
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
    .showHelpAfterError('(run with --help for usage)');
  for (const add of [validateCommand, gateCommand, planCommand, summaryCommand, provisionCommand]) add(program, io);
  emulateCommand(program, io, stopSignal);
  devCommand(program, io, stopSignal);
  for (const add of [changeCommand, transferCommand, historyCommand, coverageCommand]) add(program, io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    return exitCodeOf(error, io);
  }
}

function exitCodeOf(error: unknown, io: CliIo): number {
  if (error instanceof CliExit) {
    if (error.message) io.err(error.message);
    return error.code;
  }
  if (error instanceof CommanderError) {
    // --help and --version "fail" with exit code 0; everything else commander rejects is usage.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  io.err(`handoff: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
  return EXIT.invalid;
}
