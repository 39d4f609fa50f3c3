import type { PushEvent, PushResult } from '@forge/events';
import type { RetryPolicy } from '../provision/retry';
import type { JiraRequest } from '../trackers/jira/jira-request';
import type { KvsPort } from './storage/kvs-port';
import type { AsanaConnection, AsanaUser } from './asana/asana-access';
import { targetStore } from './storage/target';
import { createHandoffStore, type HandoffStore } from './storage/storage';
import { createLocks, type Locks } from './storage/lock';

/** The queue the consumer reads: `new Queue({ key: 'provision' })` from `@forge/events` fits. */
export type ProvisionQueue = { push(events: PushEvent | PushEvent[]): Promise<PushResult> };

/**
 * Time and size limits of the Forge platform the app stays inside, with margin. Resolvers and
 * triggers have 25 s; the consumer's function declares `timeoutSeconds: 900` in the manifest.
 */
export type ProvisionLimits = {
  /**
   * A plan runs inside the resolver call when it fits one bulk create (`inlineItems`) and needs
   * at most `inlineRequests` writes in all — about 10 s at Jira Cloud's usual latency.
   */
  inlineItems: number;
  inlineRequests: number;
  inlineSoftMs: number;
  inlineHardMs: number;
  /**
   * A queue slice starts no new write after `sliceSoftMs`, and nothing
   * at all after `sliceHardMs` (the 900 s limit minus one slow request).
   */
  sliceSoftMs: number;
  sliceHardMs: number;
  /** Items one slice creates at most, so progress is saved and shown between slices. */
  itemsPerSlice: number;
  /** How long a lock counts without being refreshed: longer than one slice plus queue delay. */
  lockMs: number;
  /** Slices in a row without a single request (Jira rate limiting) before the run gives up. */
  maxIdleSlices: number;
  /**
   * Forge stops a resolver at 25 s: none starts a Jira request, or sleeps on a retry, past
   * `resolverBudgetMs` from the invocation's start, so one slow request still ends in time.
   */
  resolverBudgetMs: number;
  /** A read (coverage, change history) not done by then in a resolver continues as a background job. */
  handOverMs: number;
  /** Pages of 100 issues one look at the record's issue statuses reads at most (resolvers/issue-statuses.ts). */
  statusPages: number;
};

export const DEFAULT_LIMITS: ProvisionLimits = {
  inlineItems: 50,
  inlineRequests: 20,
  inlineSoftMs: 10_000,
  inlineHardMs: 18_000,
  sliceSoftMs: 600_000,
  sliceHardMs: 840_000,
  itemsPerSlice: 250,
  lockMs: 20 * 60_000,
  maxIdleSlices: 3,
  resolverBudgetMs: 20_000,
  statusPages: 10,
  handOverMs: 8_000,
};

/** Everything the Forge entry points need, passed in: index.ts wires the real platform, tests their doubles. */
export type ForgeDeps = {
  /** Jira as the user who called the resolver: Jira's own permissions apply (`api.asUser()`). */
  jiraAsUser(accountId: string): JiraRequest;
  /** Jira as the app, for triggers, the scheduler and the consumer (`api.asApp()`). */
  jiraAsApp(): JiraRequest;
  /** Asana as the user who called the resolver: Forge external auth, the manifest's `asana` provider. */
  asanaAsUser(accountId: string): AsanaUser;
  /**
   * Asana for background work (queue slices, triggers), which has no user: the app's own OAuth
   * grant an admin set as encrypted variables (README, "Who acts in Asana"); null when none is set.
   */
  asanaAsApp(): AsanaConnection | null;
  /**
   * Where Asana reaches the app's web trigger for its webhooks (`webTrigger.getUrl`); null where
   * nothing can reach it (then a completion in Asana is found by the daily check instead).
   */
  asanaWebhookUrl(): Promise<string | null>;
  kvs: KvsPort;
  queue: ProvisionQueue;
  /** `YYYY-MM-DD`: the core has no clock of its own. */
  today(): string;
  now(): number;
  newId(): string;
  /** Values that must never appear in a response, the journal or a log line. */
  secrets: readonly string[];
  log(line: string): void;
  policy: RetryPolicy;
  limits: ProvisionLimits;
};

export type App = ForgeDeps & { store: HandoffStore; locks: Locks; targets: ReturnType<typeof targetStore> };

export function appOf(deps: ForgeDeps): App {
  return {
    ...deps,
    store: createHandoffStore(deps.kvs, deps.newId),
    locks: createLocks(deps.kvs, deps.now),
    targets: targetStore(deps.kvs),
  };
}
