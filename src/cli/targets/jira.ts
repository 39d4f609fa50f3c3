import { resolve } from 'node:path';
import { z } from 'zod';
import { createJiraTracker } from '../../trackers/jira/jira-tracker';
import { basicAuthRequest } from '../../trackers/jira/jira-request';
import type { Tracker } from '../../provision/change-tracker';
import { JIRA_PROJECT_KEY } from '../../domain/record/jira-keys';
import { CliExit, EXIT } from '../exit-codes';
import type { CliIo } from '../io';
import type { RetryPolicy } from '../../provision/retry';
import { cliRetryPolicy } from '../wait-printer';
import { badSettings, printableUrl, requestTimeoutSetting, urlSetting, type TargetSettings } from './target-settings';

/** Hosts where plain http is fine: the machine itself (the local Jira, a tunnel). */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Where API calls go when they do not go to the site: Atlassian's gateway,
 * `https://api.atlassian.com/ex/jira/<cloudId>`, which scoped API tokens and service accounts
 * must use. The token travels to it, so it must be https, or http on this machine.
 */
const apiBaseUrl = urlSetting.refine(
  (text) => {
    const url = URL.parse(text);
    return url === null || url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  },
  { message: 'must be an https URL (http only on localhost), e.g. https://api.atlassian.com/ex/jira/<cloudId>' },
);

/** Real Jira Cloud is reached through these variables, read once here and nowhere else. */
const jiraEnvironment = z.object({
  /** The site, e.g. https://acme.atlassian.net: browse links, and API calls unless JIRA_API_BASE_URL is set. */
  JIRA_BASE_URL: urlSetting.optional(),
  JIRA_API_BASE_URL: apiBaseUrl.optional(),
  JIRA_EMAIL: z.email().optional(),
  JIRA_API_TOKEN: z.string().min(1).optional(),
  JIRA_PROJECT_KEY: z.string().optional(),
  /** Where the embedded local Jira keeps its site (default .handoff/local-jira). */
  HANDOFF_LOCAL_JIRA_DATA: z.string().min(1).optional(),
  HANDOFF_REQUEST_TIMEOUT_MS: requestTimeoutSetting,
});

/** Where `handoff emulate jira` serves the local site by default. */
export const LOCAL_SITE_URL = 'http://127.0.0.1:8788';

/**
 * A tracker a command works against, which site (its URL, or the local one's data directory),
 * where in it (project key or gid), how to let go of it, the retry policy its requests go
 * through (telling every wait on stderr), and what its failures should name.
 */
export type Target = {
  tracker: Tracker;
  site: string;
  where: string;
  close(): Promise<void>;
  policy: RetryPolicy;
  settings: TargetSettings;
};

/** Said when a command has neither a Jira to reach nor `--local`: nothing has started or been sent. */
const NO_JIRA =
  'which Jira? set JIRA_BASE_URL, JIRA_EMAIL and JIRA_API_TOKEN (and JIRA_PROJECT_KEY or --project), ' +
  'or pass --local for the embedded local Jira';

/**
 * The Jira a command works against: with `--local`, the embedded local Jira Cloud on its
 * default data directory (said on stderr); otherwise the site in JIRA_BASE_URL with an API
 * token, called through JIRA_API_BASE_URL when that is set (a scoped token's gateway). Never
 * the local one by surprise: a forgotten variable must not "succeed" elsewhere.
 */
export async function openJiraTarget(
  io: CliIo,
  { project, local: useLocal = false }: { project?: string; local?: boolean },
  env: NodeJS.ProcessEnv = process.env,
): Promise<Target> {
  const parsed = jiraEnvironment.safeParse(env);
  if (!parsed.success) throw badSettings('Jira', parsed.error.issues);
  const config = parsed.data;
  if (!useLocal && !config.JIRA_BASE_URL) {
    if (config.JIRA_API_BASE_URL)
      throw new CliExit(
        EXIT.usage,
        'JIRA_API_BASE_URL is set: set JIRA_BASE_URL too, to the site (https://<site>.atlassian.net) for browse links',
      );
    throw new CliExit(EXIT.usage, `handoff: ${NO_JIRA}`);
  }
  // Checked before anything starts or is sent: `../x`, `DEL?x` or `#` never reach a request path.
  const named = useLocal ? project : (project ?? config.JIRA_PROJECT_KEY);
  if (named !== undefined && !JIRA_PROJECT_KEY.test(named))
    throw new CliExit(
      EXIT.usage,
      `${JSON.stringify(named.slice(0, 40))} is not a Jira project key: capital letters, digits and _, such as DEL`,
    );
  if (!useLocal && config.JIRA_BASE_URL) {
    if (!config.JIRA_EMAIL || !config.JIRA_API_TOKEN)
      throw new CliExit(
        EXIT.usage,
        'JIRA_BASE_URL is set: set JIRA_EMAIL and JIRA_API_TOKEN too (an API token from id.atlassian.com)',
      );
    const projectKey = named;
    if (!projectKey) throw new CliExit(EXIT.usage, 'which Jira project? pass --project KEY or set JIRA_PROJECT_KEY');
    // A scoped token calls the gateway; links still point at the site, where people browse.
    const baseUrl = config.JIRA_API_BASE_URL ?? config.JIRA_BASE_URL;
    const policy = cliRetryPolicy(io);
    const request = basicAuthRequest({
      baseUrl,
      email: config.JIRA_EMAIL,
      apiToken: config.JIRA_API_TOKEN,
      timeoutMs: config.HANDOFF_REQUEST_TIMEOUT_MS,
      onWait: policy.onWait,
    });
    return {
      tracker: createJiraTracker({ request, projectKey, siteUrl: config.JIRA_BASE_URL }),
      site: config.JIRA_BASE_URL,
      where: projectKey,
      close: async () => {},
      policy,
      settings: {
        tracker: 'jira',
        url: printableUrl(baseUrl),
        urlSetting: config.JIRA_API_BASE_URL ? 'JIRA_API_BASE_URL' : 'JIRA_BASE_URL',
        credentialSettings: 'JIRA_EMAIL / JIRA_API_TOKEN',
        account: `${config.JIRA_EMAIL} (JIRA_EMAIL)`,
        where: projectKey,
      },
    };
  }
  // The embedded local Jira (and its web framework) loads only when it is used.
  const { DEMO_PROJECT_KEY, LOCAL_ADMIN, startLocalJira } = await import('../../../emulators/jira/index');
  const local = await startLocalJira(config.HANDOFF_LOCAL_JIRA_DATA ? { dataDir: config.HANDOFF_LOCAL_JIRA_DATA } : {});
  io.err(
    `handoff: using the embedded local Jira (--local; data in ${local.dataDir}); ` +
      `\`npx handoff emulate jira\` serves the same site at ${LOCAL_SITE_URL}`,
  );
  const projectKey = named ?? DEMO_PROJECT_KEY;
  const request = basicAuthRequest({ baseUrl: local.url, email: LOCAL_ADMIN.email, apiToken: LOCAL_ADMIN.apiToken });
  // Links point where `handoff emulate jira` (and `npm start`) serve this data directory.
  return {
    tracker: createJiraTracker({ request, projectKey, siteUrl: LOCAL_SITE_URL }),
    site: resolve(local.dataDir),
    where: projectKey,
    close: () => local.close(),
    policy: cliRetryPolicy(io),
    settings: { tracker: 'jira', url: printableUrl(local.url), account: LOCAL_ADMIN.email, where: projectKey },
  };
}
