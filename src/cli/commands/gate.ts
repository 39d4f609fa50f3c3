import type { Command } from 'commander';
import { evaluateGate } from '../../domain/gate/gate';
import { loadRecord } from '../record-file';
import { printJson, type CliIo } from '../io';
import { CliExit, EXIT } from '../exit-codes';
import { localToday, parseToday } from '../today';

export function gateCommand(program: Command, io: CliIo): void {
  program
    .command('gate')
    .description('go / not yet, with every blocker and its field path (exit 3 when not yet)')
    .argument('<file>', 'record file')
    .option('--today <date>', 'evaluate as of this date (YYYY-MM-DD)', parseToday)
    .option('--json', 'machine-readable output')
    .action(async (file: string, opts: { json?: boolean; today?: string }) => {
      const record = await loadRecord(file, io, Boolean(opts.json));
      const today = opts.today ?? localToday();
      const result = evaluateGate(record, { today });
      if (opts.json) printJson(io, { file, id: record.id, today, ...result });
      else io.out(formatGate(record.id, today, result));
      if (result.decision === 'not-yet') throw new CliExit(EXIT.notYet, '');
    });
}

function formatGate(id: string, today: string, result: ReturnType<typeof evaluateGate>): string {
  const lines = [`${result.decision === 'go' ? 'GO' : 'NOT YET'}: ${id} as of ${today}`];
  if (result.blockers.length)
    lines.push(`\n${result.blockers.length} blocker(s):`, ...result.blockers.map((b) => `  ✗ ${b.path}: ${b.message}`));
  if (result.warnings.length)
    lines.push(`\n${result.warnings.length} warning(s):`, ...result.warnings.map((w) => `  ! ${w.path}: ${w.message}`));
  return lines.join('\n');
}
