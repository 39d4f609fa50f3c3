// `npm run bench`: provisioning N = 100 and 1,000 items with as many dependency links into the
// local Jira and the local Asana, at 100 ms latency with their rate limits on: our engine
// against the naive way (one create per issue, one request per link, sequential). Writes
// bench/results.json and the table in bench/README.md. `--small` is the quick CI run;
// `--tracker=jira|asana` re-measures one tracker into bench/results-<tracker>.json, leaving the
// README's table to be edited by hand (it holds more than the table).
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { planWith } from '../test/contract/plan-fixture';
import { applyPlan } from '../src/provision/engine';
import { memoryLedger, type CreationLedger } from '../src/provision/ledger';
import { assigneesOf, lookUpPeople } from '../src/provision/people-directory';
import { defaultRetryPolicy } from '../src/provision/retry';
import type { Plan } from '../src/domain/plan/plan';
import { asanaSite, jiraSite, type BenchSite, type Conditions } from './sites';
import { naiveProvision } from './naive-baseline';
import { resultsTable } from './results-table';

const small = process.argv.includes('--small');
const SIZES = small ? [40] : [100, 1_000];
const conditions: Conditions = { latencyMs: small ? 10 : 100, realLimits: true };
/** People of the example records, so both local trackers know them. */
const PEOPLE = ['maria.lopez@vendor.example', 'sam.okafor@vendor.example', 'priya.nair@vendor.example'];
const only = process.argv.find((a) => a.startsWith('--tracker='))?.slice('--tracker='.length);
const TRACKERS = Object.fromEntries(
  Object.entries({ jira: jiraSite, asana: asanaSite }).filter(([name]) => !only || name === only),
);

/**
 * The fewest requests any client could make: creates in full
 * batches, links as batched as the API allows, one lookup a person.
 */
function lowerBound(tracker: 'jira' | 'asana', plan: Plan): number {
  const links = plan.items.reduce((n, i) => n + i.blocks.length, 0);
  const people = assigneesOf(plan).length;
  if (tracker === 'jira') return Math.ceil(plan.items.length / 50) + links + people;
  // Asana: the project, one request a section (in a batch they would land in no promised order),
  // the tasks ten a batch, dependencies ten tasks a batch.
  const blocked = new Set(plan.items.flatMap((i) => i.blocks)).size;
  return 1 + plan.groups.length + Math.ceil((plan.items.length - 1) / 10) + Math.ceil(blocked / 10) + people;
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = performance.now();
  const value = await run();
  return { value, seconds: Number(((performance.now() - start) / 1000).toFixed(2)) };
}

/** `ledger`: what the CLI keeps in a file between runs, so the re-run is not fooled by Jira's search lag. */
async function engineRun(site: BenchSite, plan: Plan, ledger: CreationLedger) {
  const before = site.tracker.requests();
  const accounts = await lookUpPeople(site.tracker, assigneesOf(plan), defaultRetryPolicy);
  const report = await applyPlan(plan, site.tracker, { accounts, ledger });
  if (report.failed.length || report.links.failed.length)
    throw new Error(
      `engine run failed: ${JSON.stringify(report.failed.slice(0, 2))} ` +
        `${JSON.stringify(report.links.failed.slice(0, 2))}`,
    );
  return { calls: site.tracker.requests() - before, created: report.created.length };
}

const rows = [];
for (const [tracker, open] of Object.entries(TRACKERS)) {
  const kind = tracker === 'asana' ? 'asana' : 'jira';
  for (const n of SIZES) {
    const plan = planWith({ id: `bench-${kind}-${n}`, items: n - 1, links: n, assignees: PEOPLE, target: kind });
    const site = await open(conditions);
    const ledger = memoryLedger();
    const fresh = await timed(() => engineRun(site, plan, ledger));
    const rerun = await timed(() => engineRun(site, plan, ledger));
    await site.close();
    const naiveSite = await open(conditions);
    const naive = await timed(() => naiveProvision(kind, naiveSite, plan));
    await naiveSite.close();
    const bound = lowerBound(kind, plan);
    const row = {
      tracker: kind,
      items: plan.items.length,
      links: plan.items.reduce((c, i) => c + i.blocks.length, 0),
      engineCalls: fresh.value.calls,
      lowerBound: bound,
      callsVsBound: Number((fresh.value.calls / bound).toFixed(3)),
      engineSeconds: fresh.seconds,
      naiveCalls: naive.value.calls,
      naiveSeconds: naive.seconds,
      speedup: Number((naive.seconds / fresh.seconds).toFixed(1)),
      rerunCalls: rerun.value.calls,
      rerunCreated: rerun.value.created,
      rerunSeconds: rerun.seconds,
    };
    console.log(JSON.stringify(row));
    rows.push(row);
  }
}

const results = { date: new Date().toISOString(), node: process.version, conditions, small, rows };
if (!small && !only) {
  writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(new URL('./README.md', import.meta.url), resultsTable(results));
} else if (!small && rows.length > 0) {
  writeFileSync(new URL(`./results-${only}.json`, import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
}
console.table(rows);
const misses = rows.filter(
  (r) => r.rerunCreated > 0 || (!small && (r.callsVsBound > 1.05 || (r.items >= 1000 && r.speedup < 10))),
);
for (const miss of misses) console.error(`target missed: ${JSON.stringify(miss)}`);
process.exitCode = misses.length ? 1 : 0;
