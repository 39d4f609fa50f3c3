import type { Command } from 'commander';
import { loadRecord } from '../record-file';
import { printJson, type CliIo } from '../io';

export function validateCommand(program: Command, io: CliIo): void {
  program
    .command('validate')
    .description('check a record file: every problem with its path, line and column')
    .argument('<file>', 'record file (.yaml, .yml or .json)')
    .option('--json', 'machine-readable output')
    .action(async (file: string, opts: { json?: boolean }) => {
      const record = await loadRecord(file, io, Boolean(opts.json));
      if (opts.json) printJson(io, { ok: true, file, id: record.id, scenario: record.scenario });
      else io.out(`${file}: valid ${record.scenario} record "${record.id}"`);
    });
}
