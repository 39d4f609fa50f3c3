import { readFile } from 'node:fs/promises';
import { Argument, type Command } from 'commander';
import { stringify } from 'yaml';
import { CRM_LABEL, type CrmName } from '../../domain/intake/crm-deal';
import { readHubspotDeal } from '../../domain/intake/hubspot-payload';
import { readSalesforceDeal } from '../../domain/intake/salesforce-payload';
import { draftFromDeal } from '../../domain/intake/draft';
import { draftGate } from '../../domain/intake/draft-gate';
import { intakeMapping, mappingFor } from '../../domain/intake/mapping';
import { formatPath } from '../../domain/problem';
import { counted } from '../../domain/words';
import { CliExit, EXIT } from '../exit-codes';
import { printJson, type CliIo } from '../io';
import { formatProblems } from '../record-file';
import { localToday, parseToday } from '../today';

type IntakeOptions = { mapping?: string; today?: string; json?: boolean };

/**
 * `handoff intake hubspot|salesforce PAYLOAD.json`: what the app's intake would make of a CRM's
 * body — the draft record as YAML (ready to edit and `handoff gate`), headed by its blockers and
 * where each value came from. Exit 3 while the gate says not yet, as `handoff gate` does.
 */
export function intakeCommand(program: Command, io: CliIo): void {
  program
    .command('intake')
    .description('turn a HubSpot or Salesforce closed-won payload into a draft record (YAML) with its blockers')
    .addArgument(new Argument('<crm>', 'the CRM that sent it').choices(['hubspot', 'salesforce']))
    .argument('<payload>', 'the JSON body the CRM posts (README: CRM intake)')
    .option('--mapping <file>', 'intake mapping (JSON: { hubspot?, salesforce? }); the defaults otherwise')
    .option('--today <date>', 'evaluate the gate as of this date (YYYY-MM-DD)', parseToday)
    .option('--json', 'machine-readable output')
    .action(async (crm: CrmName, file: string, opts: IntakeOptions) => {
      const body = parseJson(await readText(file), file);
      const read = (crm === 'hubspot' ? readHubspotDeal : readSalesforceDeal)(body);
      if (!read.ok) {
        if (opts.json) printJson(io, { ok: false, file, problems: read.problems });
        else io.out(formatProblems(file, read.problems));
        throw new CliExit(EXIT.invalid, `${file}: not a ${CRM_LABEL[crm]} deal Handoff reads`);
      }
      const mapping = mappingFor(opts.mapping ? await loadMapping(opts.mapping) : null, crm);
      const draft = draftFromDeal(read.value, mapping);
      const today = opts.today ?? localToday();
      const gate = draftGate(draft, today);
      if (opts.json) printJson(io, { file, today, ...draft, gate });
      else io.out(draftYaml(crm, draft, gate));
      if (!draft.closedWon)
        io.err(`${file}: the deal is not in a closed-won stage of the mapping; the app would not take it.`);
      if (gate.decision === 'not-yet') throw new CliExit(EXIT.notYet, '');
    });
}

function draftYaml(crm: CrmName, draft: ReturnType<typeof draftFromDeal>, gate: ReturnType<typeof draftGate>): string {
  const head = [
    `# Draft from ${CRM_LABEL[crm]} deal ${draft.source.dealId}` +
      `${draft.kind === 'upsell' ? ' (an upsell: on a provisioned account the app proposes it as a change)' : ''}`,
    gate.decision === 'go' ? '# The gate says go.' : `# Not yet: ${counted(gate.blockers.length, 'blocker')}.`,
    ...gate.blockers.map((b) => `#   ✗ ${b.path}: ${b.message}`),
    '# Where the values came from:',
    ...draft.origins.map((o) => `#   ${o.path} ← ${o.from}`),
  ];
  return `${head.join('\n')}\n${stringify(draft.record, { lineWidth: 0 })}`;
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new CliExit(EXIT.usage, `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliExit(EXIT.invalid, `${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function loadMapping(file: string) {
  const parsed = intakeMapping.safeParse(parseJson(await readText(file), file));
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${formatPath(i.path) || 'mapping'}: ${i.message}`);
  throw new CliExit(EXIT.invalid, `${file}: ${problems.join('; ')}`);
}
