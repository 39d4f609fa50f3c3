import { Option, type Command } from 'commander';
import type { ProvisionReport } from '../../provision/report';
import { provisionRecord } from '../../usecases/provision-record';
import { loadRecord } from '../record-file';
import { printJson, type CliIo } from '../io';
import { CliExit, EXIT } from '../exit-codes';
import { localToday, parseToday } from '../today';
import { LOCAL_OPTION_HELP, TEAM_OPTION_HELP, explained, openTarget } from '../targets/open-target';
import { progressPrinter } from '../progress';
import { cliLedgers } from '../file-ledger';
import { recordRun } from '../provision-lock';
import { RateLimitedUntil } from '../../provision/rate-limited';
import { rateLimitJson } from '../rate-limit-message';
import { counted } from '../../domain/words';

type ProvisionOptions = {
  target: 'jira' | 'asana';
  project?: string;
  workspace?: string;
  team?: string;
  local?: boolean;
  dryRun?: boolean;
  json?: boolean;
  today?: string;
};

export function provisionCommand(program: Command, io: CliIo): void {
  program
    .command('provision')
    .description('create the planned issues in the tracker: idempotent, batched, resumable')
    .argument('<file>', 'record file')
    .addOption(new Option('--target <tracker>', 'where to provision').choices(['jira', 'asana']).makeOptionMandatory())
    .option(
      '--project <key>',
      'Jira project key (default JIRA_PROJECT_KEY, or DEL locally), or an existing Asana project gid',
    )
    .option('--workspace <gid>', 'Asana workspace gid (default ASANA_WORKSPACE, or the local demo workspace)')
    .option('--team <gid>', TEAM_OPTION_HELP)
    .option('--local', LOCAL_OPTION_HELP)
    .option('--dry-run', 'look people up and check the gate, create nothing')
    .option('--today <date>', 'gate as of this date (YYYY-MM-DD)', parseToday)
    .option('--json', '{ created, existing, failed, links, calls } (or { rateLimited: { tracker, until }, message })')
    .action(async (file: string, opts: ProvisionOptions) => {
      const record = await loadRecord(file, io, Boolean(opts.json));
      const target = await openTarget(io, opts);
      const run = recordRun(target.tracker, `${opts.target} ${target.where}`, io);
      try {
        const result = await run
          .claimExits(() =>
            provisionRecord(record, run.tracker, {
              target: opts.target,
              today: opts.today ?? localToday(),
              policy: target.policy,
              dryRun: Boolean(opts.dryRun),
              lock: run.lock,
              ledger: cliLedgers(opts.target, target),
              onProgress: progressPrinter(io),
            }),
          )
          .catch((error: unknown) => {
            // With --json the stop is a result too; without, main() says the sentence.
            if (error instanceof RateLimitedUntil && opts.json) {
              printJson(io, rateLimitJson(error, Date.now()));
              throw new CliExit(EXIT.rateLimited, '');
            }
            throw explained(target, error);
          });
        if (result.kind === 'not-yet') {
          const { gate } = result;
          if (opts.json) printJson(io, { decision: gate.decision, blockers: gate.blockers });
          else
            io.out(
              [
                'NOT YET: nothing was created. Blockers:',
                ...gate.blockers.map((b) => `  ✗ ${b.path}: ${b.message}`),
              ].join('\n'),
            );
          throw new CliExit(EXIT.notYet, '');
        }
        if (result.kind === 'dry-run') {
          io.out(
            `dry run: the gate says go; ${counted(result.plan.items.length, 'item')} would ` +
              `be provisioned into ${target.where} (${counted(result.calls, 'lookup request')} made).`,
          );
          return;
        }
        const { report } = result;
        if (opts.json) printJson(io, jsonReport(report, opts.target));
        else io.out(formatReport(report, (key) => target.tracker.itemUrl(key)));
        if (report.failed.length || report.links.failed.length)
          throw new CliExit(
            EXIT.invalid,
            `${counted(report.failed.length, 'item')} and ${counted(report.links.failed.length, 'link')} ` +
              `failed; fix the cause and run again — what exists is kept`,
          );
      } finally {
        await target.close();
      }
    });
}

/** The output contract: Jira items carry `key`, Asana items `gid`. */
function jsonReport(report: ProvisionReport, target: 'jira' | 'asana') {
  const name = target === 'asana' ? 'gid' : 'key';
  const items = (list: { itemId: string; key: string }[]) => list.map((i) => ({ itemId: i.itemId, [name]: i.key }));
  return {
    created: items(report.created),
    existing: items(report.existing),
    failed: report.failed,
    links: report.links,
    calls: report.calls,
  };
}

function formatReport(report: ProvisionReport, url: (key: string) => string): string {
  const lines = [
    ...report.created.map((c) => `created   ${c.key.padEnd(10)} ${c.itemId}  ${url(c.key)}`),
    ...report.existing.map((e) => `existing  ${e.key.padEnd(10)} ${e.itemId}`),
    ...report.failed.map((f) => `failed    ${''.padEnd(10)} ${f.itemId}: ${f.error}`),
    ...report.links.failed.map((l) => `link failed ${l.blocker} → ${l.blocked}: ${l.error}`),
    `${report.created.length} created, ${report.existing.length} existing, ${report.failed.length} failed; ` +
      `links ${report.links.created} created, ${report.links.existing} existing; ${counted(report.calls, 'request')}`,
  ];
  return lines.join('\n');
}
