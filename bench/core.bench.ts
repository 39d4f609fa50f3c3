// `npm run bench:core`: validate + gate + plan on generated records of 100 / 1,000 / 10,000
// items, the plan's hash (made when provisioning first reads it), and reading each as YAML.
// Target: 10,000 items in under 200 ms. Every figure is a median of RUNS with its [min, max],
// after a warm-up. Writes bench/results/core.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Parser, stringify } from 'yaml';
import { validateRecord, readRecord } from '../src/domain/record/read-record';
import { evaluateGate } from '../src/domain/gate/gate';
import { buildPlan } from '../src/domain/plan/plan';
import { generateRecord } from './generate-record';
import { spread, type Spread } from './spread';

const SIZES = [100, 1_000, 10_000];
const RUNS = 7;
const today = '2026-12-01';

/** CPU time of this process (ms): what the work cost, whatever else the shared machine was running. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

function timeOnce(raw: unknown) {
  const c0 = cpuMs();
  const t0 = performance.now();
  const result = validateRecord(raw);
  if (!result.ok) throw new Error(`generated record is invalid: ${JSON.stringify(result.problems.slice(0, 3))}`);
  const t1 = performance.now();
  evaluateGate(result.value, { today });
  const t2 = performance.now();
  const plan = buildPlan(result.value, { target: 'jira' });
  const t3 = performance.now();
  const cpu = cpuMs() - c0;
  // The plan's hash is made when first read, by provisioning or a change, never by the gate: timed on its own.
  if (!plan.hash) throw new Error('the plan has no hash');
  return { validate: t1 - t0, gate: t2 - t1, plan: t3 - t2, total: t3 - t0, cpu, hash: performance.now() - t3 };
}

const timeIt = (work: () => unknown) => {
  const [start, cpu] = [performance.now(), cpuMs()];
  work();
  return { wall: performance.now() - start, cpu: cpuMs() - cpu };
};

const loadBefore = Number(loadavg()[0]?.toFixed(2));
const rows = SIZES.map((size) => {
  const raw = generateRecord(size);
  timeOnce(raw); // warm-up: JIT and the lazily built JSON Schema
  const runs = Array.from({ length: RUNS }, () => timeOnce(raw));
  const yamlText = stringify(raw);
  readRecord(yamlText);
  const yamlRuns = Array.from({ length: RUNS }, () => timeIt(() => readRecord(yamlText)));
  // The `yaml` package's tokenizer alone: the part of a YAML read no change of ours can shorten.
  const tokenizeRuns = Array.from({ length: RUNS }, () => timeIt(() => [...new Parser().parse(yamlText)]));
  const pick = (key: 'validate' | 'gate' | 'plan' | 'total' | 'cpu' | 'hash'): Spread =>
    spread(runs.map((r) => r[key]));
  return {
    items: size,
    validateMs: pick('validate'),
    gateMs: pick('gate'),
    planMs: pick('plan'),
    totalMs: pick('total'),
    totalCpuMs: pick('cpu'),
    planHashMs: pick('hash'),
    yamlKiB: Math.round(yamlText.length / 1024),
    yamlReadMs: spread(yamlRuns.map((r) => r.wall)),
    yamlReadCpuMs: spread(yamlRuns.map((r) => r.cpu)),
    yamlTokenizeMs: spread(tokenizeRuns.map((r) => r.wall)),
    yamlTokenizeCpuMs: spread(tokenizeRuns.map((r) => r.cpu)),
  };
});

const show = (s: Spread) => `${s.median} [${s.min}–${s.max}]`;
console.table(
  rows.map((r) => ({
    items: r.items,
    'validate+gate+plan ms': show(r.totalMs),
    'its CPU ms': show(r.totalCpuMs),
    'plan hash ms': show(r.planHashMs),
    'YAML read ms': show(r.yamlReadMs),
    'its CPU ms ': show(r.yamlReadCpuMs),
    'tokenizer alone, CPU ms': show(r.yamlTokenizeCpuMs),
  })),
);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('./results/core.json', import.meta.url),
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      runs: RUNS,
      load: [loadBefore, Number(loadavg()[0]?.toFixed(2))],
      rows,
    },
    null,
    2,
  )}\n`,
);
