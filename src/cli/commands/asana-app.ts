import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ASANA_APP_PATH } from '../../asana-app/app';
import { recordStore } from '../../asana-app/record-store';
import { startAsanaAppServer } from '../../asana-app/server';
import { counted } from '../../domain/words';
import { CliExit, EXIT } from '../exit-codes';
import type { CliIo } from '../io';
import { parsePort } from '../emulators/options';
import { formatProblems } from '../record-file';
import { approvalKeyOf } from '../approval-key';
import { asanaBackgroundAccount, openAsanaTarget } from '../targets/asana';
import { localToday, parseToday } from '../today';
import { watchCommand } from './asana-app-watch';

type ServeOptions = { port: number; host: string; data: string; publicUrl?: string; today?: string };

/**
 * `handoff asana-app`: the Asana app server (App Components) for teams that live in Asana, and
 * `handoff asana-app add-record FILE`, which stores a record for its rule action and modal form.
 * Its settings are environment variables (README, "Asana app"): HANDOFF_ASANA_CLIENT_SECRET,
 * and who acts in Asana — ASANA_BASE_URL with ASANA_TOKEN (a bot's personal access token) or
 * the OAuth app's three variables, ASANA_TEAM for new projects. With HANDOFF_APPROVAL_KEY (and
 * ASANA_WORKSPACE) it also applies a change request its approval owner completes in Asana.
 */
export function asanaAppCommand(
  program: Command,
  io: CliIo,
  stopSignal: () => Promise<void>,
  env: NodeJS.ProcessEnv = process.env,
): void {
  const command = program
    .command('asana-app')
    .description('serve the Asana app (rule action "Provision handoff", modal form) until stopped; or add a record');
  command
    .command('serve', { isDefault: true })
    .description('serve the Asana app server until stopped')
    .option('--port <port>', 'port to listen on', parsePort, 8790)
    .option('--host <host>', 'address to listen on (0.0.0.0 behind a reverse proxy)', '127.0.0.1')
    .option('--data <dir>', 'where records, rule configurations and idempotency keys live', '.handoff/asana-app')
    .option('--public-url <url>', 'the address Asana reaches this server at (default: where it listens)')
    .option('--today <date>', "the day the gate takes as today (default: the machine's date)", parseToday)
    .action(async (opts: ServeOptions) => {
      const clientSecret = env.HANDOFF_ASANA_CLIENT_SECRET;
      if (!clientSecret)
        throw new CliExit(
          EXIT.usage,
          'handoff asana-app: set HANDOFF_ASANA_CLIENT_SECRET to your Asana app’s client secret ' +
            '(developer console → your app → OAuth): Asana signs every request with it',
          { kind: 'settings', setting: 'HANDOFF_ASANA_CLIENT_SECRET' },
        );
      if (!env.ASANA_BASE_URL)
        throw new CliExit(
          EXIT.usage,
          'handoff asana-app: set ASANA_BASE_URL (https://app.asana.com/api/1.0) and the token the app acts with: ' +
            'ASANA_TOKEN, or ASANA_CLIENT_ID, ASANA_CLIENT_SECRET and ASANA_REFRESH_TOKEN',
          { kind: 'settings', setting: 'ASANA_BASE_URL' },
        );
      // Read before anything starts: a key or an account that cannot work is said now, not at the first delivery.
      const approvalKey = approvalKeyOf(env);
      const account = approvalKey ? asanaBackgroundAccount(env) : undefined;
      const server = await startAsanaAppServer({
        port: opts.port,
        host: opts.host,
        ...(opts.publicUrl ? { publicUrl: opts.publicUrl } : {}),
        clientSecret,
        dataDir: resolve(opts.data),
        openAsana: (place) => openAsanaTarget(io, place, env),
        today: () => opts.today ?? localToday(),
        log: io.err,
        ...(approvalKey && account ? { approvals: { approvalKey, asana: () => account } } : {}),
      });
      const base = `${opts.publicUrl ?? server.origin}${ASANA_APP_PATH}`;
      io.err(
        [
          `Asana app server  ${server.origin}${ASANA_APP_PATH}   (data in ${opts.data})`,
          `  rule action: metadata ${base}/rule/metadata, run_action ${base}/rule/run_action`,
          `  modal form:  ${base}/form/metadata`,
          ...(approvalKey
            ? [`  approvals:   ${base}/webhooks/…, once \`handoff asana-app watch --project GID --url ${base}\``]
            : []),
          'Ctrl-C stops it; queued runs finish first.',
        ].join('\n'),
      );
      await stopSignal();
      await server.close();
    });
  watchCommand(command, io);
  command
    .command('add-record')
    .description('validate a record file and store it where the Asana app finds it')
    .argument('<file>', 'record file (YAML)')
    .option('--data <dir>', 'the app server’s data directory', '.handoff/asana-app')
    .action(async (file: string, opts: { data: string }) => {
      const text = await readFile(file, 'utf8').catch((error: unknown) => {
        throw new CliExit(EXIT.usage, `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
      });
      const saved = await recordStore(resolve(opts.data)).save(text);
      if (!saved.ok) {
        io.out(formatProblems(file, saved.problems));
        throw new CliExit(EXIT.invalid, `${file}: ${counted(saved.problems.length, 'problem')}; nothing was stored`);
      }
      io.out(`stored ${saved.stored.id} ("${saved.stored.title}"): the rule action and the modal form can pick it`);
    });
}
