import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForgeKvsAPIError } from '@forge/kvs';
import { z } from 'zod';
import type { LocalJira } from '../../emulators/jira/index';
import { kvsRefusal } from '../../src/dev-server/local-kvs';
import type { KvsPort } from '../../src/forge/storage/kvs-port';
import type { JiraRequest } from '../../src/trackers/jira/jira-request';
import { ADMIN, closeJira, createForgeApp, issuesOf, jiraAs, okValue, startJira } from './support/forge-harness';
import { KVS_LIMITS, createMemoryKvs } from './support/memory-kvs';
import { createHandoffStore } from '../../src/forge/storage/storage';
import { exampleRecord, largeRecord } from './support/records';

const KIB = 1024;

let jira: LocalJira;
beforeAll(async () => {
  jira = await startJira();
});
afterAll(() => closeJira(jira));

/** What the local KVS threw, as `@forge/kvs` throws it: the documented code and the HTTP status. */
async function refusal(write: Promise<unknown>): Promise<{ code: string; status: number }> {
  const error: unknown = await write.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ForgeKvsAPIError)) throw new Error(`expected a ForgeKvsAPIError, got ${String(error)}`);
  return { code: error.code, status: error.responseDetails.status };
}

/** A value nested `levels` deep: `{ a: { a: … 1 } }`. */
function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i += 1) value = { a: value };
  return value;
}

describe('Forge KVS limits (limits-kvs-ce), held by the local KVS the tests and the dev server run on', () => {
  const kvs = createMemoryKvs();

  it('Forge KVS value 240 KiB (RAW, counted as JSON bytes): 240 KiB is stored, one byte more is MAX_SIZE', async () => {
    const exactly = 'x'.repeat(KVS_LIMITS.valueBytes - 2); // the quotes make it 240 KiB of JSON
    await kvs.set('big:ok', exactly);
    expect(Buffer.byteLength(JSON.stringify(await kvs.get('big:ok')))).toBe(240 * KIB);
    expect(await refusal(kvs.set('big:over', `${exactly}x`))).toEqual({ code: 'MAX_SIZE', status: 400 });
  });

  it('Forge KVS key ≤ 500 characters and more than one: KEY_TOO_LONG, KEY_TOO_SHORT', async () => {
    await kvs.set('k'.repeat(500), 1);
    expect(await refusal(kvs.set('k'.repeat(501), 1))).toEqual({ code: 'KEY_TOO_LONG', status: 400 });
    expect(await refusal(kvs.set('k', 1))).toEqual({ code: 'KEY_TOO_SHORT', status: 400 });
  });

  it('Forge KVS key pattern /^(?!\\s+$)[a-zA-Z0-9:._\\s-#]+$/: a slash or only spaces is INVALID_KEY', async () => {
    await kvs.set('run-failures:DEL:run 1:0#x', 1);
    expect(await refusal(kvs.set('record/DEL', 1))).toEqual({ code: 'INVALID_KEY', status: 400 });
    expect(await refusal(kvs.get('   '))).toEqual({ code: 'INVALID_KEY', status: 400 });
  });

  it('Forge KVS object depth ≤ 31: 31 levels are stored, 32 are MAX_DEPTH', async () => {
    await kvs.set('deep:31', nested(31));
    expect(await refusal(kvs.set('deep:32', nested(32)))).toEqual({ code: 'MAX_DEPTH', status: 400 });
  });

  it('Forge KVS keyPolicy FAIL_IF_EXISTS on an existing key: 409 KEY_CONFLICT, the value stays', async () => {
    await kvs.set('once', 'first', { keyPolicy: 'FAIL_IF_EXISTS' });
    expect(await refusal(kvs.set('once', 'second', { keyPolicy: 'FAIL_IF_EXISTS' }))).toEqual({
      code: 'KEY_CONFLICT',
      status: 409,
    });
    expect(await kvs.get('once')).toBe('first');
  });
});

/**
 * Jira as the app, except that every bulk create fails as Jira answers a create screen that
 * requires a field the plan does not set (made required after the gate said go): 400, one
 * error per element, nothing created.
 */
function everyCreateRefused(): JiraRequest {
  const admin = jiraAs(jira, ADMIN);
  return async (path, init) => {
    if (init?.method !== 'POST' || !path.text.startsWith('/rest/api/3/issue/bulk')) return admin(path, init);
    const updates = z.object({ issueUpdates: z.array(z.unknown()) }).parse(JSON.parse(String(init.body)));
    const errors = updates.issueUpdates.map((_, failedElementNumber) => ({
      status: 400,
      elementErrors: { errorMessages: [], errors: { customfield_10011: 'Epic Name is required.' } },
      failedElementNumber,
    }));
    return new Response(JSON.stringify({ issues: [], errors }), { status: 400 });
  };
}

const statusView = z.object({
  run: z.object({
    state: z.string(),
    error: z.string().nullable(),
    outcome: z
      .object({
        created: z.array(z.unknown()),
        failed: z.array(z.object({ itemId: z.string(), error: z.string() })),
        links: z.object({ failed: z.array(z.object({ blocked: z.string(), blocker: z.string() })) }),
      })
      .nullable(),
  }),
  running: z.boolean(),
  stalled: z.boolean(),
});

describe('Forge KVS 240 KiB: a run where every item fails keeps every value under the limit', () => {
  for (const items of [1_001, 2_001]) {
    it(`Forge KVS 240 KiB: ${items} items that all fail — the run ends done, every failure shown`, async () => {
      const app = createForgeApp(jira, { limits: { inlineItems: 0 }, overrides: { jiraAsApp: everyCreateRefused } });
      const id = `all-fail-${items}`;
      okValue(await app.call('saveRecord', { record: largeRecord(id, items, 200) }), z.unknown());
      okValue(await app.call('provision'), z.unknown());
      await app.drainQueue();

      const shown = okValue(await app.call('provisioningStatus'), statusView);
      expect(shown).toMatchObject({ running: false, stalled: false, run: { state: 'done' } });
      const outcome = shown.run.outcome;
      // Every planned item (the Epic and the generator's extra items too) is listed with Jira's reason.
      const plan = okValue(await app.call('plan'), z.object({ items: z.array(z.unknown()) }));
      expect(plan.items.length).toBeGreaterThan(items);
      expect(outcome?.created).toEqual([]);
      expect(outcome?.failed).toHaveLength(plan.items.length);
      expect(outcome?.failed.every((f) => f.error.length > 0)).toBe(true);
      const journal = app.kvs.entries().find((e) => e.key === 'journal:DEL');
      const journalBytes = Buffer.byteLength(JSON.stringify(journal?.value));
      const largest = app.largestWrite();
      // Before: the journal kept these failures twice (working memory and outcome), inside itself.
      const failuresBytes = Buffer.byteLength(JSON.stringify(outcome?.failed));
      const before = (journalBytes + 2 * failuresBytes) / KIB;
      console.log(`${items} items: a journal holding them twice would be ${before.toFixed(1)} KiB`);
      console.log(
        `${items} items, all failed: journal ${(journalBytes / KIB).toFixed(1)} KiB; largest value written ` +
          `${(largest.bytes / KIB).toFixed(1)} KiB (${largest.key}); ` +
          `${app.kvs.entries().filter((e) => e.key.startsWith('run-failures:')).length} failure page(s)`,
      );
      expect(largest.bytes).toBeLessThan(KVS_LIMITS.valueBytes);
      // The failures are not in the journal, which stays small whatever fails.
      expect(journalBytes).toBeLessThan(16 * KIB);
      expect((await issuesOf(jira, id)).size).toBe(0);
    });
  }
});

/** `kvs` whose writes of `key` throw `refuse(value)` when it gives an error. */
function refusingWrites(kvs: KvsPort, refuse: (key: string, value: unknown) => Error | null): KvsPort {
  return {
    ...kvs,
    async set(key, value, options) {
      const error = refuse(key, value);
      if (error) throw error;
      await kvs.set(key, value, options);
    },
  };
}

const failedState = z.object({ state: z.literal('failed') });

describe('Forge KVS 240 KiB: the lock is released whatever fails', () => {
  const refused =
    'a KVS that refuses the failed journal (MAX_SIZE) still leaves the project unlocked, and says so in the log';
  it(refused, async () => {
    const kvs = refusingWrites(createMemoryKvs(), (key, value) =>
      key === 'journal:DEL' && failedState.safeParse(value).success
        ? kvsRefusal(400, 'MAX_SIZE', 'The provided value has exceeded the maximum size limit.')
        : null,
    );
    const app = createForgeApp(jira, { limits: { inlineItems: 0 }, overrides: { kvs } });
    okValue(
      await app.call('saveRecord', { record: exampleRecord('brightside-proofing', { id: 'unsaveable-failure' }) }),
      z.unknown(),
    );
    okValue(await app.call('provision'), z.unknown());
    // The record changes while the run waits: its slice ends the run, and that cannot be saved.
    const renamed = exampleRecord('brightside-proofing', { id: 'unsaveable-failure', title: 'Renamed' });
    okValue(await app.call('saveRecord', { record: renamed }), z.unknown());
    await app.drainQueue();

    expect(app.logs).toContainEqual(
      expect.stringMatching(/failed \(The record was changed.*could not be saved: .*maximum size/),
    );
    expect(await kvs.get('lock:DEL')).toBeUndefined();
    // Nothing holds the project, the tracker claim included: provisioning again starts a run.
    expect(okValue(await app.call('provision'), z.object({ mode: z.string() })).mode).toBe('queued');
  });
});

describe('history stays bounded in what the resolvers answer', () => {
  it('loadRecord answers the newest 200 history entries and how many there are', async () => {
    const app = createForgeApp(jira);
    okValue(
      await app.call('saveRecord', { record: exampleRecord('acme-onboarding', { id: 'long-history' }) }),
      z.unknown(),
    );
    for (let i = 0; i < 250; i += 1) {
      const at = `2026-12-02T10:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.000Z`;
      await app.kvs.set(`history:DEL:${at}:h${i}`, { at, by: 'someone', action: 'saved', summary: `entry ${i}` });
    }
    const loaded = okValue(
      await app.call('loadRecord', {}),
      z.object({ history: z.array(z.object({ summary: z.string() })), historyTotal: z.number() }),
    );
    expect(loaded.historyTotal).toBe(251);
    expect(loaded.history).toHaveLength(200);
    expect(loaded.history.at(-1)?.summary).toBe('entry 249');
  });
});

describe('Forge KVS: a journal stored before failures were paged still reads', () => {
  it('reads as its run (done, failures counted): the provisioned record still takes changes as proposals', async () => {
    const kvs = createMemoryKvs();
    const failure = { itemId: 'p1', error: 'Epic Name is required.' };
    await kvs.set('journal:DEL', {
      runId: 'r1',
      recordId: 'acme',
      title: 'Acme',
      planHash: 'h',
      today: '2026-12-01',
      trigger: 'user',
      by: 'someone',
      commentOn: null,
      state: 'done',
      startedAt: '2026-12-01T00:00:00.000Z',
      updatedAt: '2026-12-01T00:01:00.000Z',
      slices: 1,
      idleSlices: 0,
      progress: { phase: 'done', done: 2, total: 2 },
      accounts: {},
      preExisting: [],
      failedItems: [failure],
      failedLinks: [],
      linksCreated: 0,
      outcome: {
        created: [{ itemId: 'p0', key: 'DEL-1' }],
        existing: [],
        failed: [failure],
        links: { created: 0, existing: 0, failed: [] },
      },
      error: null,
    });
    const journal = await createHandoffStore(kvs, () => 'id').loadJournal('DEL');
    expect(journal).toMatchObject({ state: 'done', failurePages: 0, outcome: { failed: 1, links: { failed: 0 } } });
  });
});
