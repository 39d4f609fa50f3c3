import type { FaultController } from '../common/faults';
import { listen } from '../common/serve';
import type { Violation } from '../common/spec-check';
import { API_BASE, createLocalAsanaApp } from './app';
import type { FaultSettings, FaultSettingsInput } from './faults';
import type { LocalAsanaOptions } from './options';
import { DEMO_TEAM, DEMO_WORKSPACE } from './seed';

export { createLocalAsanaApp, type LocalAsanaApp } from './app';
export { localAsanaOptions, type LocalAsanaOptions } from './options';
export { faultSettings, RATE_LIMIT_PRESETS, type FaultSettings, type FaultSettingsInput } from './faults';
export {
  DEMO_TEAM,
  DEMO_WORKSPACE,
  LOCAL_ASANA_ADMIN,
  LOCAL_ASANA_OAUTH_TOKEN,
  LOCAL_ASANA_OUTSIDER,
  LOCAL_ASANA_PAT,
  LOCAL_ASANA_REFRESH_TOKEN,
  OTHER_WORKSPACE,
  SALES_TEAM,
} from './seed';
export { localAsanaRefreshToken, localAsanaTokens } from './auth';
export { ACCESS_TOKEN_SECONDS, LOCAL_ASANA_OAUTH_APP } from './oauth-grants';
export { TYPEAHEAD_RECENT_MATCHES } from './routes/typeahead';
export { MAX_BATCH_ACTIONS } from './routes/batch';
export { MAX_DEPENDENCY_LINKS } from './dependency-links';
export { EVENTS_PER_DELIVERY, hookSignature, WEBHOOK_RETRIES } from './webhooks/delivery';
export type { Violation } from '../common/spec-check';

/** Request counts: a batch counts once in `requests`, its actions in `batchActions`. */
export type AsanaStatsSnapshot = ReturnType<ReturnType<typeof createLocalAsanaApp>['stats']['snapshot']>;

export type LocalAsana = {
  /** `http://127.0.0.1:PORT/api/1.0`: the API base, what an Asana client takes as its `basePath`. */
  url: string;
  port: number;
  dataDir: string;
  faults: FaultController<FaultSettings, FaultSettingsInput>;
  stats(): AsanaStatsSnapshot;
  resetStats(): void;
  /** Spec violations recorded so far (validate: record or strict). */
  violations(): Violation[];
  /**
   * The demo organization's Delivery team, where Handoff's projects go; undefined when the demo
   * workspace is a plain one (the `demoWorkspace` option, or a state kept from before teams).
   */
  demoTeam(): string | undefined;
  close(): Promise<void>;
};

/**
 * Starts the local Asana on a port (0: any free one) and resolves once it listens.
 *
 *   const asana = await startLocalAsana({ port: 8789, dataDir: '.handoff/local-asana', validate: 'record' });
 *   // Authorization: Bearer LOCAL_ASANA_OAUTH_TOKEN (sees `external`) or LOCAL_ASANA_PAT (does not)
 *   await asana.close();
 */
export async function startLocalAsana(options: LocalAsanaOptions = {}): Promise<LocalAsana> {
  const asana = createLocalAsanaApp(options);
  const server = await listen(asana.app.fetch, asana.options.host, asana.options.port);
  return {
    url: `${server.origin}${API_BASE}`,
    port: server.port,
    dataDir: asana.options.dataDir,
    faults: asana.faults,
    stats: () => asana.stats.snapshot(),
    resetStats: () => asana.stats.reset(),
    violations: asana.violations,
    demoTeam: () =>
      asana.store.read().teams.find((t) => t.workspaceGid === DEMO_WORKSPACE.gid && t.name === DEMO_TEAM.name)?.gid,
    close: async () => {
      asana.webhooks.stop();
      await server.close();
    },
  };
}
