import type { FaultController } from '../common/faults';
import { listen } from '../common/serve';
import type { Violation } from '../common/spec-check';
import type { StatsSnapshot } from '../common/stats';
import { createLocalJiraApp } from './app';
import type { FaultSettings, FaultSettingsInput } from './fault-settings';
import type { LocalJiraOptions } from './options';
import type { User } from './site-state';

export { createLocalJiraApp, type LocalJiraApp } from './app';
export { localJiraOptions, type LocalJiraOptions } from './options';
export { DEFAULT_SEARCH_LAG_MS, faultSettings, type FaultSettings, type FaultSettingsInput } from './fault-settings';
export { CHANGE_PROJECT_KEY, DEMO_PROJECT_KEY, LOCAL_ADMIN, LOCAL_FORGE_APP, LOCAL_VIEWER } from './seed';
export { EPIC_NAME_FIELD, SCREENS_PROJECT_KEY } from './seed-screens';
export { HANDOFF_PROPERTY } from './app-index';
export { LOCAL_CLOUD_ID } from './gateway';
export { LEAVER, PRIVATE_PERSON } from './seed-people';
export { accountIdFor, localApiToken } from './accounts';
export type { Violation } from '../common/spec-check';
export type { StatsSnapshot } from '../common/stats';

export type LocalJira = {
  /** `http://127.0.0.1:PORT`: the site's base URL, what a Jira client takes as its host. */
  url: string;
  port: number;
  dataDir: string;
  faults: FaultController<FaultSettings, FaultSettingsInput>;
  stats(): StatsSnapshot;
  resetStats(): void;
  /** Spec violations recorded so far (validate: record or strict). */
  violations(): Violation[];
  /**
   * The site's people with their API tokens, read in process (never over HTTP): the dev
   * server's "viewing as" switch acts as any of them.
   */
  people(): Array<Pick<User, 'accountId' | 'email' | 'displayName' | 'apiToken' | 'active'>>;
  close(): Promise<void>;
};

/**
 * Starts the local Jira Cloud site on a port (0: any free one) and resolves once it listens.
 *
 *   const jira = await startLocalJira({ port: 8788, dataDir: '.handoff/local-jira', validate: 'record' });
 *   // Basic auth: LOCAL_ADMIN.email / LOCAL_ADMIN.apiToken; browse issues at `${jira.url}/browse/DEL-1`
 *   await jira.close();
 */
export async function startLocalJira(options: LocalJiraOptions = {}): Promise<LocalJira> {
  const jira = createLocalJiraApp(options);
  const server = await listen(jira.app.fetch, jira.options.host, jira.options.port);
  return {
    url: server.origin,
    port: server.port,
    dataDir: jira.options.dataDir,
    faults: jira.faults,
    stats: () => jira.stats.snapshot(),
    resetStats: () => jira.stats.reset(),
    violations: jira.violations,
    people: () =>
      jira.store.read().users.map(({ accountId, email, displayName, apiToken, active }) => ({
        accountId,
        email,
        displayName,
        apiToken,
        active,
      })),
    close: server.close,
  };
}
