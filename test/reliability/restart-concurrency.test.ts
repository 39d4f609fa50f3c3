import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startLocalJira } from '../../emulators/jira/index';
import { provisionProcess, recordFile } from './cli-process';
import { heldFor } from './jira-check';

const ITEMS = 299;
const LINKS = 300;
const tempDir = (name: string) => mkdtempSync(join(tmpdir(), `handoff-${name}-`));

describe('the local Jira restarted in the middle of a provisioning', () => {
  it('the run resumes or fails cleanly, and the rerun completes with one issue per item', async () => {
    const dataDir = tempDir('restart');
    let jira = await startLocalJira({ dataDir, fresh: true, faults: { latencyMs: 5 } });
    const port = jira.port;
    const file = recordFile('restart-0', ITEMS, LINKS);
    const cwd = tempDir('restart-cwd');
    const run = provisionProcess(jira, file, cwd);
    while (jira.stats().total < 60 && run.exitCode === null) await new Promise((r) => setTimeout(r, 5));
    await jira.close();
    await new Promise((r) => setTimeout(r, 1_500));
    jira = await startLocalJira({ port, dataDir, faults: { latencyMs: 5 } });
    const first = await run.done;
    // Either it rode out the outage, or it stopped with sentences — never a stack trace.
    expect([0, 1]).toContain(first.code);
    expect(first.err).not.toMatch(/\n\s+at .+:\d+:\d+/);
    const rerun = await provisionProcess(jira, file, cwd).done;
    expect(rerun.code, rerun.err.slice(-500)).toBe(0);
    const held = await heldFor(jira, 'restart-0');
    expect(held.itemIds.length).toBe(ITEMS + 1);
    expect(new Set(held.itemIds).size).toBe(ITEMS + 1);
    expect(held.links).toBe(LINKS);
    await jira.close();
  });
});

describe('two provisionings of one record at once', () => {
  it('one proceeds, the other is told so, and nothing is duplicated', async () => {
    // Latency keeps the first run going while the second one asks for the lock.
    const jira = await startLocalJira({ dataDir: tempDir('concurrent'), fresh: true, faults: { latencyMs: 20 } });
    const file = recordFile('concurrent-0', ITEMS, LINKS);
    const cwd = tempDir('concurrent-cwd');
    const results = await Promise.all([provisionProcess(jira, file, cwd).done, provisionProcess(jira, file, cwd).done]);
    const codes = results.map((r) => r.code).sort();
    expect(codes).toEqual([0, 1]);
    const refused = results.find((r) => r.code === 1);
    expect(refused?.err).toMatch(
      /another provisioning, change apply or transfer of concurrent-0 into jira DEL is running on this machine \(pid \d+\); nothing was done/,
    );
    const held = await heldFor(jira, 'concurrent-0');
    expect(held.itemIds.length).toBe(ITEMS + 1);
    expect(new Set(held.itemIds).size).toBe(ITEMS + 1);
    expect(held.links).toBe(LINKS);
    await jira.close();
  });
});
