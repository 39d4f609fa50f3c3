import { InvalidArgumentError, type Command } from 'commander';
import { PortInUse } from '../../dev-server/ports';
import { startDevServer } from '../../dev-server/index';
import { DEMO_PROJECT_KEY } from '../../../emulators/jira/index';
import { CliExit, EXIT } from '../exit-codes';
import type { CliIo } from '../io';
import { parsePort } from '../emulators/options';
import { approvalKeyOf } from '../approval-key';

type DevOptions = {
  port: number;
  jiraPort: number;
  asanaPort: number;
  asanaAppPort: number;
  intakePort: number;
  data: string;
  fresh?: boolean;
  today?: string;
};

function parseDay(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError('expected a date YYYY-MM-DD');
  return value;
}

/**
 * `handoff dev` (what `npm start` runs after building the panel):
 * the panel, the local Jira and the local Asana, until Ctrl-C.
 */
export function devCommand(program: Command, io: CliIo, stopSignal: () => Promise<void>): void {
  program
    .command('dev')
    .description(
      'serve the Handoff panel on http://localhost:8787 with its resolvers on the local Jira and Asana, until stopped',
    )
    .option('--port <port>', 'port of the panel', parsePort, 8787)
    .option('--jira-port <port>', 'port of the local Jira', parsePort, 8788)
    .option('--asana-port <port>', 'port of the local Asana', parsePort, 8789)
    .option(
      '--asana-app-port <port>',
      'port of the Asana app server (App Components, under /asana-app/)',
      parsePort,
      8790,
    )
    .option('--intake-port <port>', 'port of the CRM intake (/intake/hubspot, /intake/salesforce)', parsePort, 8791)
    .option('--data <dir>', 'data directory of all of them', '.handoff')
    .option('--fresh', 'start from the seeds, discarding the data directory')
    .option('--today <date>', "the day the app takes as today (default: the machine's date)", parseDay)
    .action(async (opts: DevOptions) => {
      // With it, a change request completed in the local Asana by its approval owner is applied.
      const approvalKey = approvalKeyOf();
      const server = await startDevServer({
        port: opts.port,
        jiraPort: opts.jiraPort,
        asanaPort: opts.asanaPort,
        asanaAppPort: opts.asanaAppPort,
        intakePort: opts.intakePort,
        // The local Asana's app's secret unless set: the local Asana signs with that one.
        ...(process.env.HANDOFF_ASANA_CLIENT_SECRET
          ? { asanaClientSecret: process.env.HANDOFF_ASANA_CLIENT_SECRET }
          : {}),
        ...(approvalKey ? { approvalKey } : {}),
        dataDir: opts.data,
        fresh: Boolean(opts.fresh),
        ...(opts.today ? { today: opts.today } : {}),
        log: io.err,
      }).catch((error: unknown) => {
        if (error instanceof PortInUse) throw new CliExit(EXIT.usage, `handoff dev: ${error.message}`);
        throw error;
      });
      io.err(
        [
          `Handoff panel     ${server.url.replace('127.0.0.1', 'localhost')} ` +
            `  (project ${DEMO_PROJECT_KEY}, as the local admin)`,
          `local Jira        ${server.jira.url}   (created issues: ${server.jira.url}/browse/${DEMO_PROJECT_KEY}-1)`,
          `local Asana       ${server.asana.url}`,
          `Asana app server  ${server.asanaApp.origin}/asana-app   ` +
            `(fire its rule action: POST ${server.asana.url.replace(/\/api\/1\.0$/, '')}/-/app-components/…)`,
          `CRM intake        ${server.intake.origin}/intake/hubspot, /intake/salesforce   ` +
            '(secrets: HANDOFF_HUBSPOT_SECRET, HANDOFF_SALESFORCE_SECRET)',
          `data              ${opts.data}   (--fresh starts over)`,
          'Ctrl-C stops all five.',
        ].join('\n'),
      );
      await stopSignal();
      await server.close();
    });
}
