type Row = {
  tracker: string;
  items: number;
  links: number;
  engineCalls: number;
  lowerBound: number;
  callsVsBound: number;
  engineSeconds: number;
  naiveCalls: number;
  naiveSeconds: number;
  speedup: number;
  rerunCalls: number;
  rerunSeconds: number;
};

/** bench/README.md: how the numbers were made, and the numbers. */
export function resultsTable(results: {
  date: string;
  node: string;
  conditions: { latencyMs: number };
  rows: Row[];
}): string {
  const lines = [
    '# Provisioning benchmark',
    '',
    `\`npm run bench\` — ${results.date.slice(0, 10)}, Node ` +
      `${results.node}, 2-core machine. Local Jira and local Asana with`,
    `${results.conditions.latencyMs} ms latency on every request ` +
      `and their rate limits on (Jira: a burst of 100 requests a second;`,
    "Asana: the paid plan's 1,500 a minute, refused requests spending it, and its concurrent request limits,",
    '50 reads and 15 writes in flight, each batch action counted). N items with N dependency links.',
    "**Engine**: Handoff's provisioning (bulk/batch creates in dependency order, links batched where the API",
    'allows, as many link calls in flight as the tracker allows — Jira 16, Asana one batch of ten under its',
    '15 writes — under one shared rate-limit pause). **Naive**: one create per item and one ' +
      'request per link, one after another — how template apps and',
    'scripts do it today (it waits out 429s, or it would fail). ' +
      'Lower bound: Jira ⌈N/50⌉ creates + D links + one lookup a',
    'person; Asana: the project + one request a section + ' +
      '⌈(N−1)/10⌉ task batches + ⌈tasks with dependencies/10⌉ + lookups.',
    'Results: `results.json`.',
    '',
    '| tracker | items | links | engine calls | lower bound | calls ÷ bound ' +
      '| engine s | naive calls | naive s | speed-up | re-run calls | re-run s |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...results.rows.map(
      (r) =>
        `| ${r.tracker} | ${r.items} | ${r.links} | ${r.engineCalls} | ` +
        `${r.lowerBound} | ${r.callsVsBound} | ${r.engineSeconds} | ${r.naiveCalls} ` +
        `| ${r.naiveSeconds} | ${r.speedup}× | ${r.rerunCalls} | ${r.rerunSeconds} |`,
    ),
    '',
  ];
  return lines.join('\n');
}
