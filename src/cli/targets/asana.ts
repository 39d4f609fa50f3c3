import { resolve } from 'node:path';
import { z } from 'zod';
import type { AsanaOAuthApp } from '../../trackers/asana/asana-oauth';
import { createAsanaTracker, type AsanaTrackerOptions } from '../../trackers/asana/asana-tracker';
import { CliExit, EXIT } from '../exit-codes';
import type { CliIo } from '../io';
import type { Target } from './jira';
import { cliRetryPolicy } from '../wait-printer';
import { badSettings, printableUrl, requestTimeoutSetting, urlSetting } from './target-settings';

/** Asana is reached through these variables, read once here and nowhere else. */
const asanaEnvironment = z.object({
  ASANA_BASE_URL: urlSetting.optional(),
  ASANA_TOKEN: z.string().min(1).optional(),
  ASANA_WORKSPACE: z.string().regex(/^\d+$/, 'a workspace gid').optional(),
  /** The team new projects go to: an organization (a company's workspace) needs one. */
  ASANA_TEAM: z.string().regex(/^\d+$/, 'a team gid').optional(),
  /** `pat` (a personal access token, the default) or `oauth` (an app's token, which can use `external` data). */
  ASANA_TOKEN_KIND: z.enum(['pat', 'oauth']).default('pat'),
  /** An OAuth app (app.asana.com/0/my-apps, Full permissions) and a refresh token: access tokens renewed hourly. */
  ASANA_CLIENT_ID: z.string().min(1).optional(),
  ASANA_CLIENT_SECRET: z.string().min(1).optional(),
  ASANA_REFRESH_TOKEN: z.string().min(1).optional(),
  HANDOFF_LOCAL_ASANA_DATA: z.string().min(1).optional(),
  HANDOFF_REQUEST_TIMEOUT_MS: requestTimeoutSetting,
});

const OAUTH_SETTINGS = ['ASANA_CLIENT_ID', 'ASANA_CLIENT_SECRET', 'ASANA_REFRESH_TOKEN'] as const;

/**
 * The OAuth app, when any of its three variables is set: all three, or a usage error naming
 * those missing. Never the values themselves in a message.
 */
function oauthAppOf(config: z.infer<typeof asanaEnvironment>): AsanaOAuthApp | undefined {
  const missing = OAUTH_SETTINGS.filter((name) => config[name] === undefined);
  if (missing.length === OAUTH_SETTINGS.length) return undefined;
  const { ASANA_CLIENT_ID: clientId, ASANA_CLIENT_SECRET: clientSecret, ASANA_REFRESH_TOKEN: refreshToken } = config;
  if (clientId === undefined || clientSecret === undefined || refreshToken === undefined)
    throw new CliExit(
      EXIT.usage,
      `an Asana OAuth app needs ${OAUTH_SETTINGS.join(', ')} together: set ${missing.join(' and ')} too`,
    );
  return { clientId, clientSecret, refreshToken };
}

/** Where `handoff emulate asana` serves the local Asana by default. */
export const LOCAL_ASANA_URL = 'http://127.0.0.1:8789';

/** Said when a command has neither an Asana to reach nor `--local`: nothing has started or been sent. */
const NO_ASANA =
  'which Asana? set ASANA_BASE_URL (https://app.asana.com/api/1.0), ASANA_TOKEN and ASANA_WORKSPACE (or --workspace), or pass --local for the embedded local Asana';

/**
 * The Asana a command works against: with `--local`, the embedded local Asana; otherwise the
 * API in ASANA_BASE_URL (https://app.asana.com/api/1.0 for the real one) with ASANA_TOKEN.
 */
export async function openAsanaTarget(
  io: CliIo,
  opts: { workspace?: string; project?: string; team?: string; local?: boolean },
  env: NodeJS.ProcessEnv = process.env,
): Promise<Target> {
  const parsed = asanaEnvironment.safeParse(env);
  if (!parsed.success) throw badSettings('Asana', parsed.error.issues);
  const config = parsed.data;
  if (opts.project !== undefined && !/^\d+$/.test(opts.project))
    throw new CliExit(EXIT.usage, '--project takes an Asana project gid (digits)');
  if (opts.workspace !== undefined && !/^\d+$/.test(opts.workspace))
    throw new CliExit(EXIT.usage, '--workspace takes an Asana workspace gid (digits)');
  if (opts.team !== undefined && !/^\d+$/.test(opts.team))
    throw new CliExit(EXIT.usage, '--team takes an Asana team gid (digits)');
  if (!opts.local && !config.ASANA_BASE_URL) throw new CliExit(EXIT.usage, `handoff: ${NO_ASANA}`);
  if (!opts.local && config.ASANA_BASE_URL) {
    const workspace = opts.workspace ?? config.ASANA_WORKSPACE;
    const oauth = oauthAppOf(config);
    if (!config.ASANA_TOKEN && !oauth)
      throw new CliExit(
        EXIT.usage,
        'ASANA_BASE_URL is set: set ASANA_TOKEN too (a personal access token from app.asana.com/0/my-apps), ' +
          'or an OAuth app with ASANA_CLIENT_ID, ASANA_CLIENT_SECRET and ASANA_REFRESH_TOKEN',
      );
    if (!workspace) throw new CliExit(EXIT.usage, 'which Asana workspace? pass --workspace GID or set ASANA_WORKSPACE');
    const policy = cliRetryPolicy(io);
    const tracker = createAsanaTracker({
      basePath: config.ASANA_BASE_URL,
      // With an OAuth app, the tracker mints its own tokens and ASANA_TOKEN is not used.
      ...(oauth ? { oauth } : { token: config.ASANA_TOKEN }),
      workspace,
      project: opts.project,
      team: opts.team ?? config.ASANA_TEAM,
      tokenKind: oauth ? 'oauth' : config.ASANA_TOKEN_KIND,
      timeoutMs: config.HANDOFF_REQUEST_TIMEOUT_MS,
      onWait: policy.onWait,
    });
    const where = opts.project ?? `workspace ${workspace}`;
    return {
      tracker,
      site: config.ASANA_BASE_URL,
      where,
      close: async () => {},
      policy,
      settings: {
        tracker: 'asana',
        url: printableUrl(config.ASANA_BASE_URL),
        urlSetting: 'ASANA_BASE_URL',
        credentialSettings: oauth ? OAUTH_SETTINGS.join(', ') : 'ASANA_TOKEN',
        account: oauth ? 'the user of ASANA_REFRESH_TOKEN' : 'the user of ASANA_TOKEN',
        where,
      },
    };
  }
  const { DEMO_WORKSPACE, LOCAL_ASANA_OAUTH_APP, LOCAL_ASANA_REFRESH_TOKEN, startLocalAsana } =
    await import('../../../emulators/asana/index');
  const local = await startLocalAsana(
    config.HANDOFF_LOCAL_ASANA_DATA ? { dataDir: config.HANDOFF_LOCAL_ASANA_DATA } : {},
  );
  io.err(
    `handoff: using the embedded local Asana (--local; data in ${local.dataDir}); ` +
      `\`npx handoff emulate asana\` serves the same workspace at ${LOCAL_ASANA_URL}/api/1.0`,
  );
  const workspace = opts.workspace ?? DEMO_WORKSPACE.gid;
  // The local admin through the local OAuth app: its tokens can use `external` data, Handoff's best way to
  // find tasks again, and are renewed as they expire, as with a real app.
  const tracker = createAsanaTracker({
    basePath: local.url,
    oauth: { ...LOCAL_ASANA_OAUTH_APP, refreshToken: LOCAL_ASANA_REFRESH_TOKEN },
    workspace,
    project: opts.project,
    // The demo organization's Delivery team, unless told otherwise (none in a plain demo workspace).
    team: opts.team ?? config.ASANA_TEAM ?? (workspace === DEMO_WORKSPACE.gid ? local.demoTeam() : undefined),
    tokenKind: 'oauth',
    appUrl: LOCAL_ASANA_URL,
  });
  const where = opts.project ?? `workspace ${workspace}`;
  return {
    tracker,
    site: resolve(local.dataDir),
    where,
    close: () => local.close(),
    policy: cliRetryPolicy(io),
    settings: { tracker: 'asana', url: printableUrl(local.url), account: 'the local admin', where },
  };
}

/**
 * How to reach the Asana API itself (not a record's tracker): ASANA_BASE_URL with ASANA_TOKEN,
 * or the OAuth app's three variables — for `handoff asana-app watch`, which registers webhooks.
 */
export function asanaApiAccess(env: NodeJS.ProcessEnv = process.env): {
  basePath: string;
  token?: string;
  oauth?: AsanaOAuthApp;
  timeoutMs?: number;
} {
  const parsed = asanaEnvironment.safeParse(env);
  if (!parsed.success) throw badSettings('Asana', parsed.error.issues);
  const config = parsed.data;
  if (!config.ASANA_BASE_URL)
    throw new CliExit(
      EXIT.usage,
      'which Asana? set ASANA_BASE_URL (https://app.asana.com/api/1.0, or the local one) and ASANA_TOKEN',
    );
  const oauth = oauthAppOf(config);
  if (!oauth && !config.ASANA_TOKEN)
    throw new CliExit(EXIT.usage, 'ASANA_BASE_URL is set: set ASANA_TOKEN too (the account the webhook acts for)');
  return {
    basePath: config.ASANA_BASE_URL,
    ...(oauth ? { oauth } : { token: config.ASANA_TOKEN }),
    timeoutMs: config.HANDOFF_REQUEST_TIMEOUT_MS,
  };
}

/**
 * The account the Asana app server applies a change request as when its approval owner
 * completes it (no user is behind a webhook): `asanaApiAccess`, in ASANA_WORKSPACE, new
 * projects in ASANA_TEAM. The workspace is needed because applying may create tasks.
 */
export function asanaBackgroundAccount(env: NodeJS.ProcessEnv = process.env): AsanaTrackerOptions {
  const access = asanaApiAccess(env);
  const config = asanaEnvironment.parse(env);
  if (!config.ASANA_WORKSPACE)
    throw new CliExit(
      EXIT.usage,
      'approvals from Asana need ASANA_WORKSPACE, the workspace gid of the records whose changes are applied',
    );
  return {
    ...access,
    workspace: config.ASANA_WORKSPACE,
    team: config.ASANA_TEAM,
    tokenKind: access.oauth ? 'oauth' : config.ASANA_TOKEN_KIND,
  };
}
