import { Argument, type Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { DEMO_PROJECT_KEY, LOCAL_ADMIN, startLocalJira } from '../../local/jira/index.ts';
import type { CliIo } from '../io.ts';

type EmulateOptions = {
  port: number; data?: string; fresh?: boolean;
  latency: number; rateLimit?: { budget: number; windowMs: number }; errorRate: number; dropRate: number;
};

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
}

function parseShare(value: string): number {
  const n = Number(value);
  if (!(n >= 0 && n <= 1)) throw new InvalidArgumentError('expected a share between 0 and 1');
  return n;
}

function parseRateLimit(value: string): { budget: number; windowMs: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) throw new InvalidArgumentError('expected BUDGET/WINDOW_MS, e.g. 100/10000');
  return { budget: Number(match[1]), windowMs: Number(match[2]) };
}

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
    .option('--latency <ms>', 'fault knob: delay every request', parseCount, 0)
    .option('--rate-limit <budget/ms>', 'fault knob: requests allowed per window, then 429 + Retry-After (e.g. 100/10000)', parseRateLimit)
    .option('--error-rate <share>', 'fault knob: share of requests answered 500/502/503', parseShare, 0)
    .option('--drop-rate <share>', 'fault knob: share of connections dropped without an answer', parseShare, 0)
    .action(async (_tracker: string, opts: EmulateOptions) => {
      const faults = { latencyMs: opts.latency, rateLimit: opts.rateLimit ?? null, errorRate: opts.errorRate, dropRate: opts.dropRate };
      const jira = await startLocalJira({ port: opts.port, ...(opts.data ? { dataDir: opts.data } : {}), fresh: Boolean(opts.fresh), faults });
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
