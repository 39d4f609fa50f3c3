import type { Command } from 'commander';
import { renderSummary } from '../../domain/summary';
import { loadRecord } from '../record-file';
import { printJson, type CliIo } from '../io';
import { localToday, parseToday } from '../today';

export function summaryCommand(program: Command, io: CliIo): void {
  program
    .command('summary')
    .description('the five-minute summary of a record, as Markdown')
    .argument('<file>', 'record file')
    .option('--today <date>', 'as of this date (YYYY-MM-DD)', parseToday)
    .option('--json', '{ id, markdown }')
    .action(async (file: string, opts: { json?: boolean; today?: string }) => {
      const record = await loadRecord(file, io, Boolean(opts.json));
      const markdown = renderSummary(record, { today: opts.today ?? localToday() });
      if (opts.json) printJson(io, { id: record.id, markdown });
      else io.out(markdown);
    });
}
