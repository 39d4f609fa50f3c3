import { Argument, type Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { DEMO_PROJECT_KEY, LOCAL_ADMIN, startLocalJira } from '../../local/jira/index.ts';
import type { CliIo } from '../io.ts';

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('expected a port number');
  return port;
}

/** `handoff emulate jira`: the local Jira Cloud on a port, until Ctrl-C. */
export function emulateCommand(program: Command, io: CliIo, stopSignal: () => Promise<void>): void {
  program.command('emulate')
    .description('run the local Jira Cloud (spec-faithful, no account needed) until stopped')
    .addArgument(new Argument('<tracker>').choices(['jira']))
    .option('--port <port>', 'port to listen on', parsePort, 8788)
    .option('--data <dir>', 'data directory (default .handoff/local-jira)')
    .option('--fresh', 'start from the demo seed, discarding the data directory')
    .action(async (_tracker: string, opts: { port: number; data?: string; fresh?: boolean }) => {
      const jira = await startLocalJira({ port: opts.port, ...(opts.data ? { dataDir: opts.data } : {}), fresh: Boolean(opts.fresh) });
      io.err([
        `local Jira Cloud at ${jira.url} (data: ${jira.dataDir})`,
        `  project ${DEMO_PROJECT_KEY}; browse issues at ${jira.url}/browse/${DEMO_PROJECT_KEY}-1`,
        `  JIRA_BASE_URL=${jira.url} JIRA_EMAIL=${LOCAL_ADMIN.email} JIRA_API_TOKEN=${LOCAL_ADMIN.apiToken}`,
        'Ctrl-C stops it.',
      ].join('\n'));
      await stopSignal();
      await jira.close();
    });
}

/** Resolves on Ctrl-C or a termination signal. */
export function untilSignalled(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
