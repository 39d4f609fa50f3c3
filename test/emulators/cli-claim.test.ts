import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startLocalJira } from '../../emulators/jira/index';
import { provisionProcess, recordFile } from '../reliability/cli-process';
import { heldFor } from '../reliability/jira-check';

const ITEMS = 40;
const LINKS = 30;
const tempDir = (name: string) => mkdtempSync(join(tmpdir(), `handoff-${name}-`));
const claimRequests = (requests: Record<string, number>) =>
  Object.entries(requests)
    .filter(([route]) => route.includes('/project/{projectIdOrKey}/properties/'))
    .reduce((n, [, count]) => n + count, 0);

describe('attack F6: two machines provisioning one record at once (two CLI processes, separate lock dirs)', () => {
  it('each item is created once; the loser is told who holds the record and since when, exit 1', async () => {
    // Latency keeps the first run going while the second one claims.
    const jira = await startLocalJira({ dataDir: tempDir('claim'), fresh: true, faults: { latencyMs: 20 } });
    const file = recordFile('claimed-0', ITEMS, LINKS);
    const results = await Promise.all([
      provisionProcess(jira, file, tempDir('machine-a')).done,
      provisionProcess(jira, file, tempDir('machine-b')).done,
    ]);
    expect(results.map((r) => r.code).sort()).toEqual([0, 1]);
    const refused = results.find((r) => r.code === 1);
    expect(refused?.err).toMatch(
      /another run of claimed-0 is in progress: .+ on .+, since \d{4}-\d\d-\d\dT[\d:]+Z \(its claim lasts until [\dTZ:-]+ unless renewed\); nothing was done/,
    );
    const held = await heldFor(jira, 'claimed-0');
    expect(held.itemIds.length).toBe(ITEMS + 1);
    expect(new Set(held.itemIds).size).toBe(ITEMS + 1);
    expect(held.links).toBe(LINKS);
    // The claim is released at the end: the next run (a re-run) is not refused.
    jira.resetStats();
    const rerun = await provisionProcess(jira, file, tempDir('machine-c')).done;
    expect(rerun.code, rerun.err.slice(-300)).toBe(0);
    // read, write, re-read, and at the end read + delete: 5 requests the claim adds to a run.
    expect(claimRequests(jira.stats().requests)).toBe(5);
    await jira.close();
  });
});
