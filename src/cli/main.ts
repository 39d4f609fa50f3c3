import { Command } from 'commander';
import { EXIT } from './exit-codes';
import { printJson, processIo, type CliIo } from './io';
import { failureOf } from './failure-output';
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
import { asanaAppCommand } from './commands/asana-app';
import { intakeCommand } from './commands/intake';
import { importCommand } from './commands/import-csv';

/**
 * The `handoff` CLI. Runs a command and returns its exit code: 0 valid/go, 1 invalid record
 * (or a failed provisioning), 2 usage error, 3 the gate says not yet, 70 a bug in handoff,
 * 75 the tracker's rate limit stopped the run (run it again later).
 * No stack traces reach the user unless asked for with `--debug`: every expected failure
 * below is a CliExit with a sentence. With `--json`, a failing command whose stdout is still
 * empty prints `{"error": {…}}` there, so a script always gets one JSON document.
 */
export async function main(
  argv: readonly string[],
  given: CliIo = processIo,
  stopSignal: () => Promise<void> = untilSignalled,
): Promise<number> {
  let printed = false;
  const io: CliIo = {
    out: (text) => {
      printed = true;
      given.out(text);
    },
    err: given.err,
  };
  const program = new Command('handoff')
    .description('Sales → delivery handoff records: validate, gate, plan and provision them into Jira or Asana.')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run with --help for usage)')
    .option('--debug', 'print the stack trace of an unexpected error, for a bug report');
  for (const add of [validateCommand, gateCommand, planCommand, summaryCommand, provisionCommand]) add(program, io);
  emulateCommand(program, io, stopSignal);
  devCommand(program, io, stopSignal);
  asanaAppCommand(program, io, stopSignal);
  for (const add of [changeCommand, transferCommand, historyCommand, coverageCommand]) add(program, io);
  for (const add of [intakeCommand, importCommand]) add(program, io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    const failure = failureOf(error, program.getOptionValue('debug') === true, Date.now());
    if (failure.said) io.err(failure.said);
    if (failure.code !== EXIT.ok && !printed && wantsJson(argv)) printJson(io, { error: failure.error });
    return failure.code;
  }
}

/** `--json` anywhere among the options (not after `--`, where it would be an argument). */
function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}
