import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { promisesFromCsv } from '../../domain/intake/csv';
import { validateRecord } from '../../domain/record/read-record';
import { counted } from '../../domain/words';
import { CliExit, EXIT } from '../exit-codes';
import { printJson, type CliIo } from '../io';
import { formatProblems, loadRecord } from '../record-file';

/**
 * `handoff import csv FILE`: a spreadsheet of promises (title, detail, owner, due, source) as a
 * record's `promises:` — or, with `--record`, that record with them added — printed as YAML.
 * Each bad cell is named by row and column (`FILE:3:4: row 3, column D (due): …`).
 */
export function importCommand(program: Command, io: CliIo): void {
  program
    .command('import')
    .description('import promises from a spreadsheet')
    .command('csv')
    .description('turn a CSV of promises (title, detail, owner, due, source) into YAML, each bad cell located')
    .argument('<file>', 'CSV file; the first row names the columns')
    .option('--record <file>', 'print this record with the promises added')
    .option('--json', 'machine-readable output')
    .action(async (file: string, opts: { record?: string; json?: boolean }) => {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new CliExit(EXIT.usage, `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
      }
      const result = promisesFromCsv(text);
      if (!result.ok) {
        if (opts.json) printJson(io, { ok: false, file, problems: result.problems });
        else io.out(formatProblems(file, result.problems));
        throw new CliExit(EXIT.invalid, `${file}: ${counted(result.problems.length, 'problem')}; nothing imported`);
      }
      if (!opts.record) {
        if (opts.json) printJson(io, { ok: true, file, promises: result.value });
        else io.out(stringify({ promises: result.value }, { lineWidth: 0 }));
        return;
      }
      const record = await loadRecord(opts.record, io, Boolean(opts.json));
      const merged = validateRecord({ ...record, promises: [...(record.promises ?? []), ...result.value] });
      if (!merged.ok) {
        if (opts.json) printJson(io, { ok: false, file: opts.record, problems: merged.problems });
        else io.out(formatProblems(opts.record, merged.problems));
        throw new CliExit(EXIT.invalid, `${opts.record}: the promises do not fit the record (ids must be unique)`);
      }
      if (opts.json) printJson(io, { ok: true, file, record: merged.value });
      else io.out(stringify(merged.value, { lineWidth: 0 }));
    });
}
