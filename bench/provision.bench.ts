// `npm run bench` (the provisioning part): N items with as many dependency links into the local
// Jira (with and without the Forge app's property index) and the local Asana, at 100 ms latency
// under the limits the services enforce: Handoff's engine, then a re-run, against a competent
// script and the naive sequential one, each followed by a count of issues per item (exactly one).
// Each row is written to bench/results/provision-<variant>-<N>.json as it is measured, so rows
// can be run apart (`--variant=asana --sizes=5000`); `bench/report.ts` makes the README from them.
// `--small` is the quick CI run: N = 40 at 10 ms, nothing written, the same exactly-one check.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { applyPlan } from '../src/provision/engine';
import { memoryLedger, type CreationLedger } from '../src/provision/ledger';
import { assigneesOf, lookUpPeople } from '../src/provision/people-directory';
import { defaultRetryPolicy } from '../src/provision/retry';
import type { Plan } from '../src/domain/plan/plan';
import { asanaSite, jiraSite, type BenchSite, type Conditions } from './sites';
import { scriptProvision, type ScriptStyle } from './script-baseline';
import { lowerBound } from './bounds';
import { benchPlan } from './bench-plan';
import type { ItemCount } from './exactly-one';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const small = process.argv.includes('--small');
const SIZES = small ? [40] : (arg('sizes') ?? '100,1000,5000').split(',').map(Number);
const LATENCY_MS = small ? 10 : 100;
/**
 * The scripts are measured up to these sizes, where the targets are set: at N = 5,000 the naive
 * script takes about half an hour, and the competent one sends 10,000 requests through the same
 * limits (about 100 s on Jira, 7 minutes of Asana's quota) to say what the bounds already say.
 */
const NAIVE_MAX = Number(arg('naive-max') ?? 1_000);
const COMPETENT_MAX = Number(arg('competent-max') ?? 1_000);

type Variant = {
  name: string;
  kind: 'jira' | 'asana';
  open: (c: Conditions) => Promise<BenchSite>;
  appIndex?: boolean;
};
const VARIANTS: Variant[] = [
  { name: 'jira', kind: 'jira', open: jiraSite },
  { name: 'jira-index', kind: 'jira', open: jiraSite, appIndex: true },
  { name: 'asana', kind: 'asana', open: asanaSite },
];
const only = arg('variant')?.split(',');
const variants = VARIANTS.filter((v) => (only ? only.includes(v.name) : !small || v.name !== 'jira-index'));

/** `cpuSeconds`: this process's CPU time over the run — the client's and the local service's (it runs here too). */
type Measured = { calls: number; seconds: number; cpuSeconds: number; refused: number; count: ItemCount };

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = performance.now();
  const value = await run();
  return { value, seconds: Number(((performance.now() - start) / 1000).toFixed(2)) };
}

/** Runs one client on `site` and counts what it left there. Requests are counted at the site, 429s included. */
async function measured(site: BenchSite, plan: Plan, run: () => Promise<unknown>): Promise<Measured> {
  const before = site.stats();
  const cpu = process.cpuUsage();
  const { seconds } = await timed(run);
  const { user, system } = process.cpuUsage(cpu);
  const after = site.stats();
  const count = await site.count(plan);
  const refused = (after.statuses['429'] ?? 0) - (before.statuses['429'] ?? 0);
  const cpuSeconds = Number(((user + system) / 1e6).toFixed(2));
  return { calls: after.total - before.total, seconds, cpuSeconds, refused, count };
}

/** `ledger`: what the CLI keeps in a file between runs, so the re-run is not fooled by Jira's search lag. */
async function engineRun(site: BenchSite, plan: Plan, ledger: CreationLedger): Promise<number> {
  const accounts = await lookUpPeople(site.tracker, assigneesOf(plan), defaultRetryPolicy);
  const report = await applyPlan(plan, site.tracker, { accounts, ledger });
  if (report.failed.length || report.links.failed.length)
    throw new Error(
      `engine run failed: ${JSON.stringify(report.failed.slice(0, 2))} ` +
        `${JSON.stringify(report.links.failed.slice(0, 2))}`,
    );
  return report.created.length;
}

async function scriptRun(style: ScriptStyle, variant: Variant, plan: Plan): Promise<Measured> {
  const site = await variant.open({ latencyMs: LATENCY_MS, appIndex: variant.appIndex });
  try {
    return await measured(site, plan, () => scriptProvision(style, variant.kind, site, plan));
  } finally {
    await site.close();
  }
}

const load = () => Number(loadavg()[0]?.toFixed(2));
const rows = [];
for (const variant of variants) {
  for (const n of SIZES) {
    const plan = benchPlan(variant.kind, n);
    const loadBefore = load();
    const site = await variant.open({ latencyMs: LATENCY_MS, appIndex: variant.appIndex });
    const ledger = memoryLedger();
    let rerunCreated = 0;
    const engine = await measured(site, plan, () => engineRun(site, plan, ledger));
    const rerun = await measured(site, plan, async () => (rerunCreated = await engineRun(site, plan, ledger)));
    const bound = lowerBound(plan, site.limits, LATENCY_MS);
    await site.close();
    // The scripts never search a property, so the app's index changes nothing for them.
    const scripts = variant.name !== 'jira-index';
    const competent = scripts && n <= COMPETENT_MAX ? await scriptRun('competent', variant, plan) : null;
    const naive = scripts && n <= NAIVE_MAX ? await scriptRun('naive', variant, plan) : null;
    const row = {
      variant: variant.name,
      tracker: variant.kind,
      items: plan.items.length,
      links: plan.items.reduce((c, i) => c + i.blocks.length, 0),
      latencyMs: LATENCY_MS,
      bound,
      engine,
      rerun: { ...rerun, created: rerunCreated },
      competent,
      naive,
      load: [loadBefore, load()],
      date: new Date().toISOString(),
      node: process.version,
    };
    console.log(JSON.stringify(row));
    rows.push(row);
    if (!small) {
      mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
      const file = new URL(`./results/provision-${variant.name}-${n}.json`, import.meta.url);
      writeFileSync(file, `${JSON.stringify(row, null, 2)}\n`);
    }
  }
}

// Correctness is this script's verdict; the speed targets are the report's (bench/report.ts).
const wrong = rows.flatMap((r) =>
  [r.engine, r.rerun, r.competent, r.naive].flatMap((m, i) =>
    m && (m.count.missing || m.count.duplicated)
      ? [`${r.variant} N=${r.items}: ${['engine', 're-run', 'competent', 'naive'][i]} left ${JSON.stringify(m.count)}`]
      : [],
  ),
);
const extra = rows
  .filter((r) => r.rerun.created > 0)
  .map((r) => `${r.variant} N=${r.items}: the re-run created ${r.rerun.created}`);
for (const line of [...wrong, ...extra]) console.error(`not exactly one issue per item: ${line}`);
process.exitCode = wrong.length + extra.length ? 1 : 0;
