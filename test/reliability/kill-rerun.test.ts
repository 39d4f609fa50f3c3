import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startLocalJira, type LocalJira } from '../../emulators/jira/index';
import { planWith } from '../contract/plan-fixture';
import { PEOPLE, provisionProcess, recordFile } from './cli-process';
import { heldFor } from './jira-check';
import { seeded } from './seeded';

/** Kill points: 100 by default (RELIABILITY_KILLS overrides, e.g. for a quick local run). */
const KILLS = Number(process.env.RELIABILITY_KILLS ?? 100);
const ITEMS = 299; // + the parent = 300 plan items
const LINKS = 300;

describe(`SIGKILL of the CLI at ${KILLS} random points of a 300-item plan, a rerun at once, search 3 s behind`, () => {
  const cwd = mkdtempSync(join(tmpdir(), 'handoff-kill-cwd-'));
  // A fresh site each time: the local Jira rewrites its whole state on every write, so one
  // site holding 100 × 300 issues would measure the emulator, not the engine. Its search lags
  // writes by 3 s (the rerun starts well inside that), and every other site has the Forge app's
  // property index: the engine must not depend on it either way.
  const freshSite = (appInstalled: boolean): Promise<LocalJira> =>
    startLocalJira({
      dataDir: mkdtempSync(join(tmpdir(), 'handoff-kill-')),
      fresh: true,
      appInstalled,
      faults: { searchLagMs: 3_000 },
    });

  it('ends with exactly one issue per item and every link, each time', async () => {
    const random = seeded(20261123);
    const expected = planWith({ id: 'kill-shape', items: ITEMS, links: LINKS, assignees: PEOPLE });
    // A whole run makes about this many requests: lookups, the preflight (createmeta: the types, the Epic's and
    // the Task's fields), search, link types, then the parent and each bulk create with its read-back, links.
    const runLength = PEOPLE.length + 3 + 2 + 2 * (1 + Math.ceil((expected.items.length - 1) / 50)) + LINKS;
    const killedAt: number[] = [];
    const rerunRequests: number[] = [];
    for (let i = 0; i < KILLS; i += 1) {
      const jira = await freshSite(i % 2 === 0);
      const id = `kill-${i}`;
      const file = recordFile(id, ITEMS, LINKS);
      // Spread over the whole run (one point in each 1/KILLS of it), at a random place within.
      const point = 1 + Math.floor(((i + random()) * runLength) / KILLS);
      const start = jira.stats().total;
      const run = provisionProcess(jira, file, cwd);
      while (jira.stats().total - start < point && run.exitCode === null) await new Promise((r) => setTimeout(r, 2));
      run.kill('SIGKILL');
      const killed = await run.done;
      killedAt.push(jira.stats().total - start);
      const before = jira.stats().total;
      const rerun = await provisionProcess(jira, file, cwd).done;
      rerunRequests.push(jira.stats().total - before);
      expect(
        rerun.code,
        `kill ${i} at request ${point} (${killed.signal ?? killed.code}): ${rerun.err.slice(-400)}`,
      ).toBe(0);
      const held = await heldFor(jira, id);
      expect(held.itemIds.length, `kill ${i}: one issue per item`).toBe(expected.items.length);
      expect(new Set(held.itemIds).size, `kill ${i}: no duplicates`).toBe(expected.items.length);
      expect(held.links, `kill ${i}: every link once`).toBe(LINKS);
      await jira.close();
    }
    const total = rerunRequests.reduce((n, r) => n + r, 0);
    console.log(
      `${KILLS} kills, lag 3 s, app index on every other site: reruns made ${total} requests ` +
        `(${Math.min(...rerunRequests)}–${Math.max(...rerunRequests)} each); killed at requests ${killedAt.join(' ')}`,
    );
    // The kills really spread over the run: from its first tenth (lookups, search, creates) to its last (links).
    expect(Math.min(...killedAt)).toBeLessThanOrEqual(Math.ceil(runLength / 10) + 2);
    expect(Math.max(...killedAt)).toBeGreaterThanOrEqual(Math.floor((runLength * 9) / 10));
  }, 1_800_000);
});
