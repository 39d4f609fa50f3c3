import { expect } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { route, type FetchMethod } from '@forge/api';
import { Queue } from '@forge/events';
import { z } from 'zod';
import { caughtUp } from '../../support/caught-up';
import { createConsumer } from '../../../src/forge/queue/consumer';
import { DEFAULT_LIMITS, type ForgeDeps, type ProvisionLimits } from '../../../src/forge/deps';
import { jiraRequestVia, type ForgeRequestJira } from '../../../src/forge/jira/forge-jira';
import { createKickoffTrigger } from '../../../src/forge/triggers/kickoff-trigger';
import { createResolvers, type HandoffDefinitions } from '../../../src/forge/resolvers/resolvers';
import { PROVISION_QUEUE } from '../../../src/forge/queue/run-slice';
import { createScheduledTrigger } from '../../../src/forge/triggers/scheduled-trigger';
import {
  DEMO_PROJECT_KEY,
  LOCAL_ADMIN,
  LOCAL_FORGE_APP,
  LOCAL_VIEWER,
  accountIdFor,
  localApiToken,
  startLocalJira,
  type LocalJira,
} from '../../../emulators/jira/index';
import { fastForwardClock, manualClock, type ManualClock } from '../../../emulators/common/clock';
import { defaultRetryPolicy } from '../../../src/provision/retry';
import type { JiraRequest } from '../../../src/trackers/jira/jira-request';
import { createMemoryKvs, type MemoryKvs } from './memory-kvs';
import type { AsanaUser } from '../../../src/forge/asana/asana-access';

export type Credentials = { email: string; apiToken: string };
export const ADMIN: Credentials = LOCAL_ADMIN;
export const VIEWER: Credentials = LOCAL_VIEWER;
/** Someone who never connected their Asana account: asked to, Forge answers with its consent request. */
const NOBODY_CONNECTED: AsanaUser = {
  connection: { basePath: '/api/1.0', tokenKind: 'oauth', send: () => Promise.reject(new Error('not connected')) },
  connected: async () => false,
  account: async () => null,
  connect: () => Promise.reject(Object.assign(new Error('Connect Asana'), { name: 'NEEDS_AUTHENTICATION_ERR' })),
};

/**
 * What `asApp()` acts as: the app's own account, not an admin — in each project only through
 * the `atlassian-addons-project-access` role, whose permissions a test can remove (`changeScheme`).
 */
export const FORGE_APP: Credentials = LOCAL_FORGE_APP;
/** A seeded member of DEL (from the examples): may create issues, is not an admin. */
export const MEMBER: Credentials = person('maria.lopez@vendor.example');

/** A person of the local site (an example's people), by e-mail, with the API token the site gave them. */
export function person(email: string): Credentials {
  return { email, apiToken: localApiToken(email) };
}

/** The clock each test file's local Jira runs on; the apps made on that Jira share it. */
const clocks = new WeakMap<LocalJira, ManualClock>();

/**
 * One local Jira per test file, strict about the official spec, on a clock that moves only when
 * told — or, `realTime`, with the real time (waits still skipped), for tests of wall-time budgets.
 */
export async function startJira(
  options: { appInstalled?: boolean; searchLagMs?: number; realTime?: boolean } = {},
): Promise<LocalJira> {
  const clock = options.realTime ? fastForwardClock() : manualClock();
  const jira = await startLocalJira({
    dataDir: mkdtempSync(join(tmpdir(), 'handoff-forge-')),
    fresh: true,
    validate: 'strict',
    clock,
    // These tests stand for a site with the Forge app installed, which brings its property index.
    appInstalled: options.appInstalled ?? true,
    ...(options.searchLagMs === undefined ? {} : { faults: { searchLagMs: options.searchLagMs } }),
  });
  clocks.set(jira, clock);
  return jira;
}

/** Closes a test file's local Jira and fails the file if the app sent anything the spec does not allow. */
export async function closeJira(jira: LocalJira): Promise<void> {
  const violations = jira.violations();
  await jira.close();
  expect(violations, 'the app sent requests the Jira spec does not allow').toEqual([]);
}

/** `requestJira` bound to the local Jira as `who`: the path arrives as a real `route`. */
function requestJiraAs(jira: LocalJira, who: Credentials): ForgeRequestJira {
  const authorization = `Basic ${Buffer.from(`${who.email}:${who.apiToken}`).toString('base64')}`;
  return (url, init) =>
    fetch(`${jira.url}${url.value}`, {
      method: init?.method,
      body: init?.body,
      headers: { ...init?.headers, authorization },
    });
}

/** The adapter's request function as `who`, over the real `route` — what `jiraAsUser`/`jiraAsApp` give the app. */
export function jiraAs(jira: LocalJira, who: Credentials): JiraRequest {
  return jiraRequestVia(requestJiraAs(jira, who), route);
}

const pushRequest = z.object({
  queueName: z.string(),
  jobId: z.string(),
  payload: z.array(z.object({ body: z.record(z.string(), z.unknown()), delayInSeconds: z.number().optional() })),
});
export type DeliveredEvent = {
  body: Record<string, unknown>;
  queueName: string;
  jobId: string;
  eventId: string;
  delayInSeconds?: number;
  /** Set on Forge's redelivery of an event whose consumer asked for a retry. */
  retryContext?: { retryCount: number; retryReason: string; retryData: unknown };
};

/** A consumer's `InvocationError`, as the platform receives it (its JSON). */
const retryAnswer = z.object({
  _retry: z.literal(true),
  retryOptions: z.object({ retryAfter: z.number(), retryReason: z.string() }),
});

export type ForgeApp = ReturnType<typeof createForgeApp>;

/**
 * The app as Forge runs it, on test doubles only at the platform's edges: the real
 * `@forge/resolver` definitions, the real `route`, the real `Queue` (its push request is
 * captured instead of sent), Jira = the local Jira, KVS = the in-memory store.
 */
export function createForgeApp(
  jira: LocalJira,
  options: {
    today?: string;
    limits?: Partial<ProvisionLimits>;
    secrets?: string[];
    overrides?: Partial<ForgeDeps>;
  } = {},
) {
  // The app and its Jira read one clock, which stands still unless a test (or a retry's wait)
  // moves it: lock expiry, slice deadlines, KVS TTLs and the order of timestamps written by
  // either side depend on what the test does, not on how busy the machine is.
  const time = clocks.get(jira) ?? manualClock();
  const clock = { today: options.today ?? '2026-12-01', advance: time.advance };
  const now = time.now;
  const kvs: MemoryKvs = createMemoryKvs(now);
  /** The largest value the app wrote (JSON bytes, as KVS counts it against 240 KiB) and its key. */
  let largestWrite = { key: '', bytes: 0 };
  const measured: MemoryKvs = {
    ...kvs,
    async set(key, value, options) {
      const bytes = Buffer.byteLength(JSON.stringify(value) ?? '');
      if (bytes > largestWrite.bytes) largestWrite = { key, bytes };
      await kvs.set(key, value, options);
    },
  };
  const pending: DeliveredEvent[] = [];
  /** Every retry the consumer asked Forge for: the reason and the delay. */
  const retries: Array<{ retryAfter: number; retryReason: string }> = [];
  const pushSizes: number[] = [];
  const logs: string[] = [];
  const responses: unknown[] = [];
  const people = new Map([ADMIN, VIEWER, MEMBER].map((who) => [accountIdFor(who.email), who]));

  const queueApi: FetchMethod = async (_path, init) => {
    const text = typeof init?.body === 'string' ? init.body : '';
    pushSizes.push(Buffer.byteLength(text));
    const request = pushRequest.parse(JSON.parse(text));
    request.payload.forEach((event, i) =>
      pending.push({ ...event, queueName: request.queueName, jobId: request.jobId, eventId: `${request.jobId}:${i}` }),
    );
    return new Response(null, { status: 201 });
  };

  let ids = 0;
  const deps: ForgeDeps = {
    jiraAsUser: (accountId) => {
      const who = people.get(accountId);
      if (!who) throw new Error(`the test knows no credentials for ${accountId}`);
      return jiraAs(jira, who);
    },
    jiraAsApp: () => jiraAs(jira, FORGE_APP),
    // Nobody has connected Asana unless a test gives it (overrides.asanaAsUser): records provision in Jira.
    asanaAsUser: () => NOBODY_CONNECTED,
    asanaAsApp: () => null,
    // Asana reaches no web trigger of the harness unless a test serves one (overrides.asanaWebhookUrl).
    asanaWebhookUrl: async () => null,
    kvs: measured,
    queue: new Queue({ key: PROVISION_QUEUE }, queueApi),
    today: () => clock.today,
    now,
    newId: () => `00000000-0000-4000-8000-${String((ids += 1)).padStart(12, '0')}`,
    secrets: options.secrets ?? [],
    log: (line) => logs.push(line),
    policy: {
      ...defaultRetryPolicy,
      now,
      // Waiting moves the clock instead of taking real time; the macrotask lets other requests run meanwhile.
      sleep: (ms) =>
        new Promise((resolve) => {
          time.advance(ms);
          setImmediate(resolve);
        }),
    },
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    ...options.overrides,
  };
  const definitions = createResolvers(deps);
  const consumer = createConsumer(deps);

  return {
    jira,
    kvs,
    clock,
    largestWrite: () => largestWrite,
    pending,
    retries,
    pushSizes,
    logs,
    responses,
    deps,
    kickoff: createKickoffTrigger(deps),
    scheduled: createScheduledTrigger(deps),
    consume: consumer,

    /** Invokes a resolver the way Forge does: function key and payload, the page's context, the principal. */
    async call(
      functionKey: keyof HandoffDefinitions,
      payload?: unknown,
      as: { who?: Credentials; context?: unknown } = {},
    ): Promise<unknown> {
      const accountId = accountIdFor((as.who ?? ADMIN).email);
      // Whoever a test calls as, the app can then reach Jira as (jiraAsUser), as Forge would.
      if (as.who) people.set(accountId, as.who);
      const context = as.context ?? {
        moduleKey: 'handoff-page',
        siteUrl: jira.url,
        extension: { type: 'jira:projectPage', project: { key: DEMO_PROJECT_KEY, id: '10000', type: 'software' } },
      };
      const response = await definitions({ call: { functionKey, payload }, context }, { principal: { accountId } });
      responses.push(response);
      return response;
    },

    /**
     * The value of an answer that may come from the background (`{ state: 'done' | 'queued' }`,
     * or a job started outright): a queued job is run by draining the queue, then its result is
     * read back page by page through the `job` resolver, as the panel reads it.
     */
    async settled<T extends z.ZodType>(response: unknown, value: T): Promise<z.output<T>> {
      const answer = okValue(
        response,
        z.union([
          z.object({ state: z.literal('done'), value: z.unknown() }),
          z.object({ state: z.literal('queued'), jobId: z.string() }),
        ]),
      );
      if (answer.state === 'done') return value.parse(answer.value);
      await this.drainQueue();
      return value.parse(JSON.parse(await jobResult(this, answer.jobId)));
    },

    /**
     * Runs the consumer on every pushed event, in order, including those it pushes itself; an
     * event whose consumer returns an `InvocationError` is delivered again after its `retryAfter`
     * (the clock moves) with `retryContext.retryCount` one higher, as Forge does.
     */
    async drainQueue(): Promise<number> {
      let delivered = 0;
      for (let event = pending.shift(); event; event = pending.shift()) {
        const retry = retryAnswer.safeParse(await consumer(event));
        delivered += 1;
        if (!retry.success) continue;
        retries.push(retry.data.retryOptions);
        time.advance(retry.data.retryOptions.retryAfter * 1000);
        const retryCount = (event.retryContext?.retryCount ?? 0) + 1;
        pending.unshift({
          ...event,
          retryContext: { retryCount, retryReason: 'FUNCTION_RETRY_REQUEST', retryData: null },
        });
      }
      return delivered;
    },
  };
}

/**
 * A Jira admin takes permissions from (or gives them back to) a role in a project's permission
 * scheme — by default the app's role in DEL: `{ revoke: ['LINK_ISSUES'] }`, `{ restore: [...] }`.
 */
export async function changeScheme(
  jira: LocalJira,
  change: { projectKey?: string; role?: string; revoke?: string[]; restore?: string[] },
): Promise<void> {
  const response = await fetch(`${jira.url}/__emulator/permissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      projectKey: change.projectKey ?? DEMO_PROJECT_KEY,
      role: change.role ?? 'atlassian-addons-project-access',
      revoke: change.revoke ?? [],
      restore: change.restore ?? [],
    }),
  });
  if (!response.ok) throw new Error(`changing the permission scheme: ${response.status} ${await response.text()}`);
}

export const jobView = z.object({
  state: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.object({ phase: z.string(), done: z.number(), total: z.number().nullable() }),
  error: z.string().nullable(),
  pages: z.number(),
  page: z.object({ index: z.number(), text: z.string() }).nullable(),
});

/** A done job's result as JSON text, its pages read one call each; a job not done fails the test with its state. */
export async function jobResult(app: Pick<ForgeApp, 'call'>, jobId: string): Promise<string> {
  const first = okValue(await app.call('job', { jobId }), jobView);
  if (first.state !== 'done') throw new Error(`job ${jobId} is ${first.state}: ${first.error ?? ''}`);
  let text = first.page?.text ?? '';
  for (let page = 1; page < first.pages; page += 1)
    text += okValue(await app.call('job', { jobId, page }), jobView).page?.text ?? '';
  return text;
}

/** Jira's own REST API as the admin, to read back what the app did. */
export async function rest(jira: LocalJira, method: string, path: string, body?: unknown): Promise<unknown> {
  const authorization = `Basic ${Buffer.from(`${ADMIN.email}:${ADMIN.apiToken}`).toString('base64')}`;
  const response = await fetch(`${jira.url}${path}`, {
    method,
    headers: { authorization, 'content-type': 'application/json', accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
}

const foundIssues = z.object({
  issues: z.array(
    z.object({ key: z.string(), properties: z.object({ handoff: z.object({ itemId: z.string() }).optional() }) }),
  ),
  nextPageToken: z.string().optional(),
});

/** Every issue carrying the record's label and handoff property, through Jira's search: itemId → keys. */
export async function issuesOf(jira: LocalJira, recordId: string): Promise<Map<string, string[]>> {
  const byItem = new Map<string, string[]>();
  let nextPageToken: string | undefined;
  do {
    // By the label (no app index needed), once the index has caught up; the property tells items apart.
    const page = foundIssues.parse(
      await caughtUp(jira, () =>
        rest(jira, 'POST', '/rest/api/3/search/jql', {
          jql: `labels = "handoff-${recordId}"`,
          properties: ['handoff'],
          fields: ['summary'],
          maxResults: 100,
          nextPageToken,
        }),
      ),
    );
    for (const issue of page.issues) {
      const itemId = issue.properties.handoff?.itemId;
      if (itemId) byItem.set(itemId, [...(byItem.get(itemId) ?? []), issue.key]);
    }
    nextPageToken = page.nextPageToken;
  } while (nextPageToken);
  return byItem;
}

/** Parses a resolver answer as `{ ok: true, value }` — the test fails with the error otherwise. */
export function okValue<T extends z.ZodType>(response: unknown, value: T): z.output<T> {
  const envelope = z.object({ ok: z.literal(true), value: z.unknown() }).safeParse(response);
  if (!envelope.success) throw new Error(`expected ok, got ${JSON.stringify(response)}`);
  return value.parse(envelope.data.value);
}

export const failure = z.object({
  ok: z.literal(false),
  error: z.object({
    code: z.string(),
    message: z.string(),
    path: z.string().optional(),
    problems: z
      .array(
        z.object({ path: z.string(), message: z.string(), line: z.number().optional(), column: z.number().optional() }),
      )
      .optional(),
  }),
});

export function errorOf(response: unknown) {
  return failure.parse(response).error;
}
