/**
 * The Jira requests each user action of the project page makes, counted at the local Jira
 * (method + path template), through the real resolvers and queue consumer in the Forge test
 * harness. Jira's points-based rate limits (issue 15) count these. Each action is measured cold
 * (more than a minute after the last, so nothing is reused) unless it says warm. Run by
 * `bench/panel.bench.ts`.
 */
import { z } from 'zod';
import type { LocalJira } from '../emulators/jira/index';
import { MEMBER, closeJira, createForgeApp, startJira, type ForgeApp } from '../test/forge/support/forge-harness';
import { exampleRecord, largeRecord } from '../test/forge/support/records';
import { POLL, backoff } from '../static/panel/src/poll';

const MINUTE = 61_000;

type Row = { action: string; requests: Record<string, number> };

/** Requests Jira saw while `work` ran, by `METHOD /path`. */
async function count(jira: LocalJira, work: () => Promise<unknown>): Promise<Record<string, number>> {
  jira.resetStats();
  await work();
  return { ...jira.stats().requests };
}

const ok = (response: unknown): unknown => {
  const parsed = z.object({ ok: z.literal(true), value: z.unknown() }).safeParse(response);
  if (!parsed.success) throw new Error(`expected ok, got ${JSON.stringify(response).slice(0, 300)}`);
  return parsed.data.value;
};

/** The resolvers the panel calls when the page opens on a saved record (use-record, Handoff, use-provisioning). */
const PAGE_OPEN = ['loadRecord', 'gate', 'plan', 'provisioningStatus'] as const;

async function measure(jira: LocalJira): Promise<Row[]> {
  const rows: Row[] = [];
  const app: ForgeApp = createForgeApp(jira, { limits: {} });
  const as = { who: MEMBER };
  const acme = exampleRecord('acme-onboarding');
  const record = exampleRecord('acme-onboarding', {
    id: 'bench-forge',
    people: { ...acme.people, 'approval-owner': MEMBER.email },
  });
  const step = async (action: string, work: () => Promise<unknown>, warm = false) => {
    if (!warm) app.clock.advance(MINUTE);
    rows.push({ action, requests: await count(jira, work) });
  };

  await step('save the record', async () => ok(await app.call('saveRecord', { record }, as)));
  await step('open the page (4 resolver calls)', async () => {
    for (const name of PAGE_OPEN) ok(await app.call(name, {}, as));
  });
  await step(
    'open the page again within a minute',
    async () => {
      for (const name of PAGE_OPEN) ok(await app.call(name, {}, as));
    },
    true,
  );
  await step('sign off (delivery)', async () =>
    ok(await app.call('signOff', { role: 'delivery', status: 'ready' }, as)),
  );
  await step('provision (9 items, inline)', async () => ok(await app.call('provision', {}, as)));
  await step('one provisioningStatus poll', async () => ok(await app.call('provisioningStatus', {}, as)));
  await step('one provisioningStatus poll, warm', async () => ok(await app.call('provisioningStatus', {}, as)), true);
  await step('one changeHistory poll', async () => ok(await app.call('changeHistory', {}, as)));
  await step('one changeHistory poll, warm', async () => ok(await app.call('changeHistory', {}, as)), true);

  const promises = (record.promises ?? []).filter((p) => p.id !== 'import');
  const proposed = {
    ...record,
    promises: [
      ...promises,
      { id: 'weekly', title: 'Weekly status report', owner: 'delivery-owner', due: 'kickoff+5bd' },
    ],
    dependencies: record.dependencies?.map((d) => ({ ...d, blocks: d.blocks?.filter((b) => b !== 'import') })),
  };
  let key = '';
  await step('propose a change', async () => {
    key = z.object({ key: z.string() }).parse(ok(await app.call('proposeChange', { record: proposed }, as))).key;
  });
  await step('approve it (the resolver)', async () => ok(await app.call('approveChange', { key }, as)));
  await step('…its apply in the queue', () => app.drainQueue());

  const big = createForgeApp(jira);
  await step('provision 100 items, 100 links (queued, to the end)', async () => {
    ok(await big.call('saveRecord', { record: largeRecord('bench-forge-100', 100, 100) }, as));
    ok(await big.call('provision', {}, as));
    await big.drainQueue();
  });
  return rows;
}

const total = (requests: Record<string, number>) => Object.values(requests).reduce((a, b) => a + b, 0);
const perms = (requests: Record<string, number>) => requests['GET /rest/api/3/mypermissions'] ?? 0;

/** Each action with its Jira requests, and how many of them asked `mypermissions`. */
export type ActionCost = { action: string; requests: number; mypermissions: number };

/** What polling costs while a run waits or moves, computed from `static/panel/src/poll.ts` and the rows. */
export type PollingCost = {
  resolver: string;
  pollsIn10MinIdle: number;
  idlePerMinute: number;
  movingPerMinute: number;
};

export async function measureForgeActions(): Promise<{ actions: ActionCost[]; polling: PollingCost[] }> {
  const jira = await startJira();
  try {
    const rows = await measure(jira);
    const find = (action: string) => rows.find((r) => r.action === action)?.requests ?? {};
    // The panel's polling (static/panel/src/poll.ts): 1 s after an answer that moved, ×1.5 per
    // unchanged answer, at most 12 s. A run that waits (nothing moves) is the common long case.
    const next = backoff();
    let waited = 0;
    let polls = 0;
    while (waited < 10 * 60_000) {
      waited += next('unchanged');
      polls += 1;
    }
    const steady = 60_000 / POLL.maxMs;
    const polling = (['provisioningStatus', 'changeHistory'] as const).map((resolver) => {
      const cold = total(find(`one ${resolver} poll`));
      const warm = total(find(`one ${resolver} poll, warm`));
      // A minute of polling: one poll asks Jira cold (the permission answer lapsed), the rest find it kept.
      const perMinute = (n: number) => cold + (n - 1) * warm;
      return { resolver, pollsIn10MinIdle: polls, idlePerMinute: perMinute(steady), movingPerMinute: perMinute(60) };
    });
    const actions = rows.map((r) => ({
      action: r.action,
      requests: total(r.requests),
      mypermissions: perms(r.requests),
    }));
    return { actions, polling };
  } finally {
    await closeJira(jira);
  }
}
