import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startLocalJira, type LocalJira } from '../../emulators/jira/index';
import { planWith } from '../contract/plan-fixture';
import { PEOPLE, provisionProcess, recordFile } from './cli-process';
import { heldFor } from './jira-check';

/** Kill points: 100 by default (RELIABILITY_KILLS overrides, e.g. for a quick local run). */
const KILLS = Number(process.env.RELIABILITY_KILLS ?? 100);
const ITEMS = 299; // + the parent = 300 plan items
const LINKS = 300;

/** A seeded generator, so a failing kill point can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe(`SIGKILL of the CLI at ${KILLS} random points of a 300-item plan, then a rerun`, () => {
  const cwd = mkdtempSync(join(tmpdir(), 'handoff-kill-cwd-'));
  // A fresh site each time: the local Jira rewrites its whole state on every write, so one
  // site holding 100 × 300 issues would measure the emulator, not the engine.
  const freshSite = (): Promise<LocalJira> =>
    startLocalJira({ dataDir: mkdtempSync(join(tmpdir(), 'handoff-kill-')), fresh: true });

  it('ends with exactly one issue per item and every link, each time', async () => {
    const random = seeded(20261123);
    const expected = planWith({ id: 'kill-shape', items: ITEMS, links: LINKS, assignees: PEOPLE });
    // A whole run makes about this many requests: lookups, the preflight (createmeta: the types, the Epic's and
    // the Task's fields), search, link types, parent, bulk creates, links.
    const runLength = PEOPLE.length + 3 + 3 + Math.ceil((expected.items.length - 1) / 50) + LINKS;
    const killedAt: number[] = [];
    for (let i = 0; i < KILLS; i += 1) {
      const jira = await freshSite();
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
      const rerun = await provisionProcess(jira, file, cwd).done;
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
    // The kills really spread over the run: from its first tenth (lookups, search, creates) to its last (links).
    expect(Math.min(...killedAt)).toBeLessThanOrEqual(Math.ceil(runLength / 10) + 2);
    expect(Math.max(...killedAt)).toBeGreaterThanOrEqual(Math.floor((runLength * 9) / 10));
  }, 1_800_000);
});
