import { resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { ASANA_APP_PATH } from '../../asana-app/app';
import { fileHookSecrets } from '../../asana-app/webhooks/hook-secrets';
import { watchProject } from '../../asana-app/webhooks/watch';
import { createAsanaWebhooks } from '../../trackers/asana/asana-webhooks';
import { CliExit, EXIT } from '../exit-codes';
import { printJson, type CliIo } from '../io';
import { asanaApiAccess } from '../targets/asana';

/** Where the app server keeps its webhook secrets, unless HANDOFF_ASANA_APP_DATA says otherwise. */
const ASANA_APP_DATA = '.handoff/asana-app';

const settings = z.object({
  /** Where Asana reaches the app server: `https://handoff.example.com` (its routes are under /asana-app). */
  HANDOFF_ASANA_APP_URL: z.url({ protocol: /^https?$/ }).optional(),
  HANDOFF_ASANA_APP_DATA: z.string().min(1).default(ASANA_APP_DATA),
});

/**
 * `handoff asana-app watch --project GID`: the one place a webhook is registered. It makes the
 * record project's completed tasks reach the app server, which applies a change request its
 * approval owner completes. The app server must be running (Asana's handshake reaches it
 * before the webhook exists) and share HANDOFF_ASANA_APP_DATA with this command.
 */
export function watchCommand(app: Command, io: CliIo): void {
  app
    .command('watch')
    .description("apply a change request when its approval owner completes its task: watch the record's project")
    .requiredOption('--project <gid>', "the record's Asana project")
    .option('--url <url>', 'where Asana reaches the app server, its --public-url (or HANDOFF_ASANA_APP_URL)')
    .option('--json', '{ webhook, target }')
    .action(async (opts: { project: string; url?: string; json?: boolean }) => {
      if (!/^\d+$/.test(opts.project)) throw new CliExit(EXIT.usage, '--project takes an Asana project gid (digits)');
      const parsed = settings.safeParse(process.env);
      if (!parsed.success)
        throw new CliExit(EXIT.usage, 'HANDOFF_ASANA_APP_URL must be an http(s) address, like https://host');
      const given = opts.url ?? parsed.data.HANDOFF_ASANA_APP_URL;
      if (!given || !URL.canParse(given))
        throw new CliExit(
          EXIT.usage,
          'where does Asana reach the app server? pass --url https://HOST (its --public-url) or set HANDOFF_ASANA_APP_URL',
        );
      const appUrl = mountedAt(given);
      const webhooks = createAsanaWebhooks(asanaApiAccess());
      const secrets = fileHookSecrets(resolve(parsed.data.HANDOFF_ASANA_APP_DATA));
      const watched = await watchProject(webhooks, secrets, opts.project, appUrl);
      if (opts.json) printJson(io, watched);
      else
        io.out(
          `watching project ${opts.project} (webhook ${watched.webhook}): a change request completed by its ` +
            `approval owner is applied by the app server at ${appUrl}`,
        );
    });
}

/**
 * Where the app server mounts its webhook receiver: under /asana-app, whether the address was
 * given as the server's own (`https://host`, as `serve --public-url`) or with the path already.
 */
function mountedAt(url: string): string {
  const trimmed = url.replace(/\/+$/, '');
  return trimmed.endsWith(ASANA_APP_PATH) ? trimmed : `${trimmed}${ASANA_APP_PATH}`;
}
