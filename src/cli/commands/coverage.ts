import { cliLedgers } from '../file-ledger';
import type { Command } from 'commander';
import { coverageReport } from '../../usecases/coverage-report';
import { formatCoverage } from '../change-output';
import { CliExit, EXIT } from '../exit-codes';
import { printJson, type CliIo } from '../io';
import { loadRecord } from '../record-file';
import { targetOptions, withTarget, type TargetOptions } from '../targets/open-target';
import { localToday, parseToday } from '../today';

/** `handoff coverage FILE`: promises without a ticket, tickets without a promise, exclusions with reasons. */
export function coverageCommand(program: Command, io: CliIo): void {
  targetOptions(program.command('coverage'))
    .description(
      'promise coverage both ways against the tracker: promises without a ' +
        'ticket, tickets without a promise, exclusions; exit 3 when incomplete',
    )
    .argument('<file>', 'record file (the current truth)')
    .option('--today <date>', 'plan as of this date (YYYY-MM-DD)', parseToday)
    .option('--json', '{ complete, promises, withoutTicket, withoutPromise, exclusions, calls }')
    .action(async (file: string, opts: TargetOptions & { today?: string; json?: boolean }) => {
      const record = await loadRecord(file, io, Boolean(opts.json));
      const coverage = await withTarget(io, opts, (t) =>
        coverageReport(t.tracker, record, {
          target: opts.target,
          today: opts.today ?? localToday(),
          policy: t.policy,
          ledger: cliLedgers(opts.target, t),
        }),
      );
      if (opts.json) printJson(io, coverage);
      else io.out(formatCoverage(coverage));
      if (!coverage.complete) throw new CliExit(EXIT.notYet, '');
    });
}
