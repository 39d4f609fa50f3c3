import { spawnSync } from 'node:child_process';
import { asanaLiveSettings, jiraLiveSettings } from './live-env';

/**
 * `npm run test:live`: one line for each tracker without settings, then the live contract
 * suite on the others; with none, nothing to run and exit 0 (a skip is not a failure).
 */
const trackers = [
  { file: 'test/live/jira.live.test.ts', live: jiraLiveSettings() },
  { file: 'test/live/asana.live.test.ts', live: asanaLiveSettings() },
];
for (const { live } of trackers) if (!live.ready) console.log(live.skipped);
const files = trackers.filter((t) => t.live.ready).map((t) => t.file);
if (files.length > 0) {
  const run = spawnSync(
    'npx',
    ['vitest', 'run', '--config', 'vitest.live.config.ts', '--project', 'live', ...files, ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  process.exitCode = run.status ?? 1;
}
