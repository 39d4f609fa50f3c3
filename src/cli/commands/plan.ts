import { Option, type Command } from 'commander';
import { buildPlan, type Plan } from '../../domain/plan/plan';
import { loadRecord } from '../record-file';
import { printJson, type CliIo } from '../io';
import { counted } from '../../domain/words';

export function planCommand(program: Command, io: CliIo): void {
  program
    .command('plan')
    .description('preview the issues a record becomes (no tracker is touched)')
    .argument('<file>', 'record file')
    .addOption(
      new Option('--target <tracker>', 'the tracker the plan is for').choices(['jira', 'asana']).makeOptionMandatory(),
    )
    .option('--json', 'the plan as JSON: the same object the engine applies')
    .action(async (file: string, opts: { target: 'jira' | 'asana'; json?: boolean }) => {
      const record = await loadRecord(file, io, Boolean(opts.json));
      const plan = buildPlan(record, { target: opts.target });
      if (opts.json) printJson(io, plan);
      else io.out(formatPlan(plan));
    });
}

function formatPlan(plan: Plan): string {
  const lines = [
    `Plan for ${plan.recordId} → ${plan.target}: ${counted(plan.items.length, 'item')}, ` +
      counted(plan.exclusions.length, 'exclusion'),
    '',
  ];
  for (const item of plan.items) {
    lines.push(`${item.kind.padEnd(10)} ${item.summary}`);
    lines.push(
      `${''.padEnd(10)} ${item.assignee ?? 'UNASSIGNED'} · due ${item.due ?? 'NO DATE'}` +
        `${item.blocks.length ? ` · blocks ${item.blocks.map((b) => b.split('/').pop()).join(', ')}` : ''}`,
    );
  }
  for (const exclusion of plan.exclusions) lines.push(`excluded   ${exclusion.title}: ${exclusion.reason}`);
  return lines.join('\n');
}
