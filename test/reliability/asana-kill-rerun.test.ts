import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startLocalAsana, type LocalAsana } from '../../emulators/asana/index';
import { planWith } from '../contract/plan-fixture';
import { heldInAsana } from './asana-check';
import { asanaProvisionProcess, PEOPLE, recordFile } from './cli-process';
import { seeded } from './seeded';

/** Kill points: 100 by default (RELIABILITY_KILLS overrides, e.g. for a quick local run). */
const KILLS = Number(process.env.RELIABILITY_KILLS ?? 100);
/**
 * Kills run this many at a time, each against its own local Asana, to keep the suite's time
 * bounded: one after another, a kill would leave the cores idle through its two runs' claim
 * settle waits (2 s each) and their round trips. RELIABILITY_ASANA_AT_ONCE overrides.
 */
const AT_ONCE = Number(process.env.RELIABILITY_ASANA_AT_ONCE ?? 4);
const ITEMS = 99; // + the parent = 100 plan items: ten create batches, the dependency batches after them
const LINKS = 100;

describe(`SIGKILL of the CLI at ${KILLS} points of a 100-item plan into the local Asana, a rerun at once`, () => {
  const cwd = mkdtempSync(join(tmpdir(), 'handoff-asana-kill-cwd-'));
  // A fresh local Asana each time, in its realistic default: a batch's actions run in an order
  // drawn from its seed, as Asana promises none. Its seed differs each time, so do the orders.
  const freshAsana = (seed: number): Promise<LocalAsana> =>
    startLocalAsana({ dataDir: mkdtempSync(join(tmpdir(), 'handoff-asana-kill-')), fresh: true, faults: { seed } });
  const expected = planWith({ id: 'asana-kill-shape', items: ITEMS, links: LINKS, assignees: PEOPLE, target: 'asana' });

  it('ends with exactly one task per item and one dependency per edge, each time', async () => {
    const started = Date.now();
    // How many requests a whole run makes, measured: lookups, the project, its sections, then the task
    // and dependency batches.
    const reference = await freshAsana(0);
    const whole = await asanaProvisionProcess(reference, recordFile('asana-kill-whole', ITEMS, LINKS), cwd, 'oauth')
      .done;
    expect(whole.code, whole.err.slice(-400)).toBe(0);
    const runLength = reference.stats().total;
    await reference.close();

    const random = seeded(20261207);
    // Spread over the whole run (one point in each 1/KILLS of it), at a random place within.
    const points = Array.from({ length: KILLS }, (_, i) => 1 + Math.floor(((i + random()) * runLength) / KILLS));
    const killedAt: number[] = [];
    const rerunRequests: number[] = [];
    let signalled = 0;
    const killAndRerun = async (i: number) => {
      const asana = await freshAsana(i + 1);
      // Both markers: `external` data (OAuth) on even kills, the notes line (a personal access token) on
      // odd ones.
      const tokenKind = i % 2 === 0 ? 'oauth' : 'pat';
      const id = `asana-kill-${i}`;
      const file = recordFile(id, ITEMS, LINKS);
      const point = points[i] ?? 1;
      const run = asanaProvisionProcess(asana, file, cwd, tokenKind);
      while (asana.stats().total < point && run.exitCode === null) await new Promise((r) => setTimeout(r, 2));
      run.kill('SIGKILL');
      const killed = await run.done;
      if (killed.signal === 'SIGKILL') signalled += 1;
      killedAt.push(asana.stats().total);
      const before = asana.stats().total;
      const rerun = await asanaProvisionProcess(asana, file, cwd, tokenKind).done;
      rerunRequests.push(asana.stats().total - before);
      expect(
        rerun.code,
        `kill ${i} (${tokenKind}) at request ${point} (${killed.signal ?? killed.code}): ${rerun.err.slice(-400)}`,
      ).toBe(0);
      const held = await heldInAsana(asana, id, tokenKind);
      expect(held.itemIds.length, `kill ${i}: one task per item`).toBe(expected.items.length);
      expect(new Set(held.itemIds).size, `kill ${i}: no duplicates`).toBe(expected.items.length);
      expect(held.links, `kill ${i}: every dependency`).toBe(LINKS);
      expect(held.edges, `kill ${i}: each dependency once`).toBe(LINKS);
      await asana.close();
    };
    let next = 0;
    await Promise.all(
      Array.from({ length: AT_ONCE }, async () => {
        for (let i = next++; i < KILLS; i = next++) await killAndRerun(i);
      }),
    );
    const total = rerunRequests.reduce((n, r) => n + r, 0);
    console.log(
      `Asana: ${KILLS} kills (${signalled} died by SIGKILL, the rest had finished), ${AT_ONCE} at a time, ` +
        `a whole run ${runLength} requests; reruns made ${total} requests ` +
        `(${Math.min(...rerunRequests)}–${Math.max(...rerunRequests)} each); ` +
        `${Math.round((Date.now() - started) / 1000)} s; ` +
        `killed at requests ${killedAt.sort((a, b) => a - b).join(' ')}`,
    );
    // The kills really spread over the run: from its first tenth (lookups, project, sections) to its
    // last (dependencies).
    expect(Math.min(...killedAt)).toBeLessThanOrEqual(Math.ceil(runLength / 10) + 2);
    expect(Math.max(...killedAt)).toBeGreaterThanOrEqual(Math.floor((runLength * 9) / 10));
  }, 1_800_000);
});
