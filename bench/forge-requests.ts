/**
 * `npx tsx bench/forge-requests.ts` — the Jira requests each user action of the project page
 * makes, counted at the local Jira (method + path template), through the real resolvers and
 * queue consumer in the Forge test harness. Jira's points-based rate limits (issue 15) count
 * these. Each action is measured cold (more than a minute after the last, so nothing is
 * reused) unless it says warm. Prints a Markdown table; bench/README.md keeps the last one.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { LocalJira } from '../emulators/jira/index';
import { MEMBER, closeJira, createForgeApp, startJira, type ForgeApp } from '../test/forge/support/forge-harness';
import { exampleRecord, largeRecord } from '../test/forge/support/records';

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
    ok(await app.call('signOff', { role: 'delivery', by: MEMBER.email, status: 'ready' }, as)),
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

/** The panel's polling intervals, read from its source so a re-run after a change there counts the new ones. */
function pollMs(file: string): number {
  const text = readFileSync(new URL(`../static/panel/src/${file}`, import.meta.url), 'utf8');
  const match = /const POLL_MS = ([\d_]+)/.exec(text);
  if (!match?.[1]) throw new Error(`no POLL_MS in ${file}`);
  return Number(match[1].replaceAll('_', ''));
}

const total = (requests: Record<string, number>) => Object.values(requests).reduce((a, b) => a + b, 0);
const perms = (requests: Record<string, number>) => requests['GET /rest/api/3/mypermissions'] ?? 0;

const jira = await startJira();
try {
  const rows = await measure(jira);
  console.log('| action | Jira requests | of which mypermissions |\n|---|---:|---:|');
  for (const row of rows) console.log(`| ${row.action} | ${total(row.requests)} | ${perms(row.requests)} |`);
  const find = (action: string) => rows.find((r) => r.action === action)?.requests ?? {};
  for (const [name, file] of [
    ['provisioningStatus', 'provision/use-provisioning.ts'],
    ['changeHistory', 'changes/use-changes.ts'],
  ] as const) {
    const ms = pollMs(file);
    const polls = 60_000 / ms;
    const cold = find(`one ${name} poll`);
    const warm = find(`one ${name} poll, warm`);
    // A minute of polling: one poll asks Jira cold, the rest find the kept answer.
    const perMinute = total(cold) + (polls - 1) * total(warm);
    const rate = `${polls.toFixed(0)} polls a minute, ${perMinute.toFixed(0)} Jira requests a minute`;
    console.log(`\n${name} polled every ${ms} ms: ${rate}`);
  }
  if (process.argv.includes('--detail')) console.log(JSON.stringify(rows, null, 1));
} finally {
  await closeJira(jira);
}
