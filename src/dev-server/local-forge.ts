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
  kvs: KvsPort;
  /** `YYYY-MM-DD`; the machine's date when absent. */
  today?: string;
  limits?: Partial<ProvisionLimits>;
  log(line: string): void;
};

export type LocalForge = ReturnType<typeof createLocalForge>;

/**
 * The Forge app as the platform runs it, on this machine: the real resolver definitions and
 * queue consumer, the page's context (project DEL, the local admin), Jira = the local Jira as
 * that admin (for `asUser` and `asApp` alike), storage = the local KVS, the queue in process.
 */
export function createLocalForge(options: LocalForgeOptions) {
  const { jira } = options;
  const accountId = accountIdFor(LOCAL_ADMIN.email);
  const authorization = `Basic ${Buffer.from(`${LOCAL_ADMIN.email}:${LOCAL_ADMIN.apiToken}`).toString('base64')}`;
  const asAdmin = jiraRequestVia(
    (url, init) =>
      fetch(`${jira.url}${url.value}`, {
        method: init?.method,
        body: init?.body,
        headers: { ...init?.headers, authorization },
      }),
    route,
  );
  const queue = createLocalQueue((event) => consumer(event));

  const deps: ForgeDeps = {
    jiraAsUser: (who) => {
      if (who !== accountId) throw new Error(`the local site acts only as ${LOCAL_ADMIN.email}`);
      return asAdmin;
    },
    jiraAsApp: () => asAdmin,
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
  const context = { accountId, ...pageContext };

  return {
    context,
    queue,
    /** Calls a resolver as Forge does: function key and payload, the page's context, the principal. */
    invoke(key: string, payload: unknown): Promise<unknown> {
      // As on the platform, the caller arrives as the principal, not in the page's context.
      return definitions({ call: { functionKey: key, payload }, context: pageContext }, { principal: { accountId } });
    },
  };
}
