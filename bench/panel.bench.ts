// `npm run bench:panel`: the project page's Jira requests per user action (through the real
// resolvers on the local Jira) and its time to interactive in Chromium. Writes
// bench/results/panel.json for bench/report.ts. Needs `npm run build:panel` first.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { measureForgeActions } from './forge-requests';
import { measurePageOpen } from './panel-tti';

const loadBefore = Number(loadavg()[0]?.toFixed(2));
const { actions, polling } = await measureForgeActions();
const pageOpen = await measurePageOpen();
const result = {
  date: new Date().toISOString(),
  node: process.version,
  load: [loadBefore, Number(loadavg()[0]?.toFixed(2))],
  actions,
  polling,
  pageOpen,
};
console.table(actions);
console.table(polling);
console.log(JSON.stringify(pageOpen));
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/panel.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
