import { cliLedgers } from '../file-ledger';
import type { Command } from 'commander';
import { z } from 'zod';
import { transferOwner } from '../../usecases/transfer-owner';
import { formatTransfer } from '../change-output';
import { CliExit, EXIT } from '../exit-codes';
import { printJson, type CliIo } from '../io';
import { loadRecord } from '../record-file';
import { targetOptions, withTarget, type TargetOptions } from '../targets/open-target';
import { localToday, parseToday } from '../today';
import { recordRun } from '../provision-lock';
import { counted } from '../../domain/words';

const email = z.email();

/** `handoff transfer FILE --from EMAIL --to EMAIL`: someone leaves; their open tickets move with a transition note. */
export function transferCommand(program: Command, io: CliIo): void {
  targetOptions(program.command('transfer'))
    .description(
      'move every open ticket of the record from one person to another, with ' +
        'a transition note on each and a summary on the parent; safe to run again',
    )
    .argument('<file>', 'record file (its transfer.note is the note, when it names the same two people)')
    .requiredOption('--from <email>', 'who hands over')
    .requiredOption('--to <email>', 'who takes over')
    .option('--today <date>', 'as of this date (YYYY-MM-DD)', parseToday)
    .option('--json', '{ moved, failed, calls }')
    .action(
      async (file: string, opts: TargetOptions & { from: string; to: string; today?: string; json?: boolean }) => {
        for (const value of [opts.from, opts.to])
          if (!email.safeParse(value).success) throw new CliExit(EXIT.usage, `${value} is not an e-mail address`);
        const record = await loadRecord(file, io, Boolean(opts.json));
        const { result, url } = await withTarget(io, opts, async (t) => {
          const run = recordRun(t.tracker, `${opts.target} ${t.where}`, io);
          return {
            result: await run.hold(record.id, () =>
              transferOwner(
                run.tracker,
                {
                  record,
                  transfer: { from: opts.from, to: opts.to },
                  today: opts.today ?? localToday(),
                  target: opts.target,
                },
                { policy: t.policy, ledger: cliLedgers(opts.target, t) },
              ),
            ),
            url: t.tracker.itemUrl,
          };
        });
        if (opts.json) printJson(io, result);
        if (result.kind === 'refused') throw new CliExit(EXIT.invalid, `handoff: nothing was moved: ${result.reason}`);
        if (!opts.json) io.out(formatTransfer(result, url, opts.target));
        if (result.failed.length)
          throw new CliExit(
            EXIT.invalid,
            `${counted(result.failed.length, 'ticket or step', 'tickets or steps')} failed; ` +
              'what moved stays moved — run again to finish',
          );
      },
    );
}
