import { cliLedgers } from '../file-ledger';
import type { Command } from 'commander';
import { changeHistory } from '../../usecases/change/history';
import { formatHistory } from '../change-output';
import { printJson, type CliIo } from '../io';
import { loadRecord } from '../record-file';
import { targetOptions, withTarget, type TargetOptions } from '../targets/open-target';

/**
 * `handoff history FILE`: every proposal, approval, rejection
 * and application, with who and when, read from the tracker.
 */
export function historyCommand(program: Command, io: CliIo): void {
  targetOptions(program.command('history'))
    .description("the record's change history: every proposal, approval, rejection and application, with who and when")
    .argument('<file>', 'record file (its id names the history)')
    .option('--json', '{ changes, events }')
    .action(async (file: string, opts: TargetOptions & { json?: boolean }) => {
      const record = await loadRecord(file, io, Boolean(opts.json));
      const history = await withTarget(io, opts, (t) =>
        changeHistory(t.tracker, record.id, { policy: t.policy, ledger: cliLedgers(opts.target, t) }),
      );
      if (opts.json) printJson(io, history);
      else io.out(formatHistory(history));
    });
}
