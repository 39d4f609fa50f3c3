import { Argument, Option, type Command } from 'commander';
import type { CliIo } from '../io';
import { parseCount, parsePort, parseRateLimit, parseShare, type EmulateOptions } from '../emulators/options';

/** `handoff emulate jira|asana`: the local Jira Cloud (8788) or Asana (8789), until Ctrl-C. */
export function emulateCommand(program: Command, io: CliIo, stopSignal: () => Promise<void>): void {
  program
    .command('emulate')
    .description('run the local Jira Cloud or Asana (spec-faithful, no account needed) until stopped')
    .addArgument(new Argument('<tracker>').choices(['jira', 'asana']))
    .option('--port <port>', 'port to listen on (default 8788 for jira, 8789 for asana)', parsePort)
    .option('--data <dir>', 'data directory (default .handoff/local-jira or .handoff/local-asana)')
    .option('--fresh', 'start from the demo seed, discarding the data directory')
    .option(
      '--app-installed',
      'Jira only: the site has the Handoff Forge app, so JQL can search issue.property[handoff] ' +
        '(without it, such a clause matches nothing, as on a real site without the app)',
    )
    .option('--latency <ms>', 'fault knob: delay every request', parseCount, 0)
    .option(
      '--rate-limit <budget/ms>',
      'fault knob: requests allowed per window, then 429 + Retry-After (e.g. 100/10000)',
      parseRateLimit,
    )
    .addOption(
      new Option('--rate-limit-preset <plan>', "Asana only: Asana's own limits (free 150/min, paid 1,500/min)").choices(
        ['free', 'paid'],
      ),
    )
    .option(
      '--plain-workspace',
      'Asana only, with a new data directory or --fresh: the demo workspace is a plain workspace ' +
        '(no teams) rather than an organization, whose projects need a team',
    )
    .option('--error-rate <share>', 'fault knob: share of requests answered 500/502/503', parseShare, 0)
    .option('--drop-rate <share>', 'fault knob: share of connections dropped without an answer', parseShare, 0)
    .option(
      '--search-lag <ms>',
      'Jira only: how long a new issue stays out of JQL search, as on Jira Cloud (default 2000; 0 for none)',
      parseCount,
    )
    .action(async (tracker: 'jira' | 'asana', opts: EmulateOptions) => {
      const { startAsana, startJira } = await import('../emulators/start');
      const running = tracker === 'asana' ? await startAsana(opts) : await startJira(opts);
      io.err([...running.banner, 'Ctrl-C stops it.'].join('\n'));
      await stopSignal();
      await running.close();
    });
}

/** Resolves on Ctrl-C or a termination signal. */
export function untilSignalled(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
