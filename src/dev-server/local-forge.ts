import { randomUUID } from 'node:crypto';
import { route } from '@forge/api';
import { z } from 'zod';
import { createConsumer } from '../forge/queue/consumer';
import { DEFAULT_LIMITS, type ForgeDeps, type ProvisionLimits } from '../forge/deps';
import { jiraRequestVia } from '../forge/jira/forge-jira';
import { createResolvers } from '../forge/resolvers/resolvers';
import { defaultRetryPolicy } from '../provision/retry';
import { DEMO_PROJECT_KEY, LOCAL_ADMIN, accountIdFor, type LocalJira } from '../../emulators/jira/index';
import type { KvsPort } from '../forge/storage/kvs-port';
import { createLocalQueue } from './local-queue';
import { createAsanaWebhookTrigger } from '../forge/asana/asana-webhook-trigger';
import type { AsanaConnection, AsanaUser } from '../forge/asana/asana-access';

/**
 * A resolver's name as `invoke` sends it. Which names exist is for @forge/resolver to say (an
 * unknown one is refused there); names of Object's own members never reach it, since it looks
 * them up with `in`.
 */
export const functionKey = z
  .string()
  .regex(/^[a-z][A-Za-z]*$/, 'a resolver name')
  .refine((key) => !(key in Object.prototype), 'not a resolver of the Handoff app');

export type LocalForgeOptions = {
  jira: LocalJira;
  /** Asana as each person (the local stand-in for Forge's external auth) and as the app's background grant. */
  asana: {
    asUser(accountId: string): AsanaUser;
    asApp: AsanaConnection | null;
    /** Where the local Asana reaches the app's web trigger for its webhooks, once the panel listens. */
    webhookUrl(): string | null;
  };
  kvs: KvsPort;
  /** `YYYY-MM-DD`; the machine's date when absent. */
  today?: string;
  limits?: Partial<ProvisionLimits>;
  log(line: string): void;
};

export type LocalForge = ReturnType<typeof createLocalForge>;

/** Which of the app's modules a local frame draws: the project page, an issue's context panel, the settings page. */
export type LocalView =
  { module: 'project-page' } | { module: 'issue-context'; issueKey: string } | { module: 'settings' };

/** Someone of the local site the panel can be viewed as: what the "Viewing as" switch lists. */
export type LocalPerson = { accountId: string; displayName: string; email: string };

/**
 * The Forge app as the platform runs it, on this machine: the real resolver definitions and
 * queue consumer, the page's context (project DEL), Jira = the local Jira, storage = the local
 * KVS, the queue in process. The page is viewed as one person of the local site at a time —
 * the local admin at first; `viewAs` switches to anyone else (the approval owner, a signer),
 * which only this local stand-in can do: in Jira, the principal is whoever is logged in.
 */
export function createLocalForge(options: LocalForgeOptions) {
  const { jira } = options;
  /** Jira as one person of the local site, with the API token the site gave them. */
  const jiraAs = (person: { email: string; apiToken: string }) => {
    const authorization = `Basic ${Buffer.from(`${person.email}:${person.apiToken}`).toString('base64')}`;
    return jiraRequestVia(
      (url, init) =>
        fetch(`${jira.url}${url.value}`, {
          method: init?.method,
          body: init?.body,
          headers: { ...init?.headers, authorization },
        }),
      route,
    );
  };
  const asAdmin = jiraAs(LOCAL_ADMIN);
  const adminId = accountIdFor(LOCAL_ADMIN.email);
  let viewer = adminId;
  const queue = createLocalQueue((event) => consumer(event));
  const activePerson = (accountId: string) => jira.people().find((p) => p.accountId === accountId && p.active);

  const deps: ForgeDeps = {
    jiraAsUser: (who) => {
      const person = activePerson(who);
      if (!person) throw new Error(`nobody active on the local site has the account ${who}`);
      return who === adminId ? asAdmin : jiraAs(person);
    },
    // The local site has no app account the panel's work could run as: the admin stands in.
    jiraAsApp: () => asAdmin,
    asanaAsUser: (who) => options.asana.asUser(who),
    asanaAsApp: () => options.asana.asApp,
    asanaWebhookUrl: async () => options.asana.webhookUrl(),
    kvs: options.kvs,
    queue,
    today: () => options.today ?? new Date().toISOString().slice(0, 10),
    now: () => Date.now(),
    newId: () => randomUUID(),
    secrets: [],
    log: options.log,
    policy: defaultRetryPolicy,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
  };
  const definitions = createResolvers(deps);
  const consumer = createConsumer(deps);

  const contextOf = (view: LocalView) => {
    if (view.module === 'issue-context')
      return {
        ...pageContext,
        moduleKey: 'handoff-issue-context',
        extension: { ...pageContext.extension, type: 'jira:issueContext', issue: { key: view.issueKey } },
      };
    if (view.module === 'settings')
      return {
        ...pageContext,
        moduleKey: 'handoff-settings',
        extension: { ...pageContext.extension, type: 'jira:projectSettingsPage' },
      };
    return pageContext;
  };

  /** What `view.getContext()` answers on the project page (the fields the app reads, and a few the platform adds). */
  const pageContext = {
    cloudId: 'local',
    localId: 'handoff-page-local',
    locale: 'en-US',
    timezone: 'UTC',
    moduleKey: 'handoff-page',
    siteUrl: jira.url,
    extension: { type: 'jira:projectPage', project: { key: DEMO_PROJECT_KEY, id: '10000', type: 'software' } },
  };

  return {
    /**
     * The context a module's frame gets, as the person it is viewed as: the project page's, or
     * an issue's context panel (`jira:issueContext`, naming the issue) or the project settings page.
     */
    context: (view: LocalView = { module: 'project-page' }) => ({ accountId: viewer, ...contextOf(view) }),
    queue,
    /** What the app's other entry points (the CRM intake's web triggers and queue) are wired with here. */
    deps,
    /** The web trigger Asana's webhooks reach (manifest `asana-webhook-trigger`). */
    asanaWebhook: createAsanaWebhookTrigger(deps),
    /** Everyone active on the local site, and who the page is viewed as now. */
    people(): { viewingAs: string; people: LocalPerson[] } {
      const people = jira
        .people()
        .filter((p) => p.active)
        .map(({ accountId, displayName, email }) => ({ accountId, displayName, email }))
        .sort((a, b) => a.displayName.localeCompare(b.displayName));
      return { viewingAs: viewer, people };
    },
    /** Views the page as `accountId` from the next call on; false when nobody active has that account. */
    viewAs(accountId: string): boolean {
      if (!activePerson(accountId)) return false;
      viewer = accountId;
      return true;
    },
    /** Who the page is viewed as now. */
    viewer: () => viewer,
    /** Calls a resolver as Forge does: function key and payload, the page's context, the principal. */
    invoke(key: string, payload: unknown): Promise<unknown> {
      // As on the platform, the caller arrives as the principal, not in the page's context.
      const principal = { accountId: viewer };
      return definitions({ call: { functionKey: key, payload }, context: pageContext }, { principal });
    },
  };
}
