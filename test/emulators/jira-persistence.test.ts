import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalJira } from '../../emulators/jira/index';
import { at, jiraSpecFile, startTestJira, taskFields, type TestJira } from './local-jira-harness';

const started: TestJira[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((t) => t.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'local-jira-shared-'));
  dirs.push(dir);
  return dir;
}

async function start(dir: string, fresh = false): Promise<TestJira> {
  // This file is about the data directory, not the search lag (jira-faults.test.ts is): it reads a caught-up index.
  const t = await startTestJira({ dataDir: dir, fresh, faults: { searchLagMs: 0 } });
  started.push(t);
  return t;
}

const createOne = async (t: TestJira, summary: string) =>
  String(at((await t.call('POST', '/rest/api/3/issue', { fields: taskFields({ summary }) })).body, 'key'));

describe('the data directory', () => {
  it('keeps the site across a restart', async () => {
    const dir = dataDir();
    const first = await start(dir, true);
    const key = await createOne(first, 'Survives a restart');
    await first.close();
    started.splice(started.indexOf(first), 1);

    const second = await start(dir);
    expect(at((await second.call('GET', `/rest/api/3/issue/${key}?fields=summary`)).body, 'fields', 'summary')).toBe(
      'Survives a restart',
    );
    expect(await createOne(second, 'next')).toBe(`DEL-${Number(key.split('-')[1]) + 1}`);
  });

  it('writes site.json atomically and as readable JSON after each change', async () => {
    const dir = dataDir();
    const t = await start(dir, true);
    const key = await createOne(t, 'On disk');
    const saved: unknown = JSON.parse(readFileSync(join(dir, 'site.json'), 'utf8'));
    const issues = at(saved, 'issues');
    // The seed's own issues (the leaver's, in OPS) are there too; DEL starts empty.
    const keys = Array.isArray(issues) ? issues.map((issue) => String(at(issue, 'key'))) : [];
    expect(keys.filter((k) => k.startsWith('DEL-'))).toEqual([key]);
  });

  it('lets two servers share one site: each sees the other’s writes, and keys never collide', async () => {
    const dir = dataDir();
    const a = await start(dir, true);
    const b = await start(dir);
    const fromA = await createOne(a, 'made by A');
    expect(at((await b.call('GET', `/rest/api/3/issue/${fromA}?fields=summary`)).body, 'fields', 'summary')).toBe(
      'made by A',
    );
    const fromB = await createOne(b, 'made by B');
    expect(fromB).not.toBe(fromA);
    const seenByA = await a.call('POST', '/rest/api/3/search/jql', {
      jql: 'project = DEL ORDER BY key',
      fields: ['summary'],
    });
    const issues = at(seenByA.body, 'issues');
    expect(Array.isArray(issues) && issues.map((issue) => at(issue, 'fields', 'summary'))).toEqual([
      'made by A',
      'made by B',
    ]);
  });

  it('picks up what another process wrote to the same data directory', async () => {
    const dir = dataDir();
    const here = await start(dir, true);
    const mine = await createOne(here, 'made here');
    const script = fileURLToPath(new URL('./fixtures/second-process.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, dir]);
    expect(stdout).toBe(`DEL-${Number(mine.split('-')[1]) + 1}`);
    expect(at((await here.call('GET', `/rest/api/3/issue/${stdout}?fields=summary`)).body, 'fields', 'summary')).toBe(
      'made by another process',
    );
  });

  it('starts over from the seed with fresh: true', async () => {
    const dir = dataDir();
    const first = await start(dir, true);
    await createOne(first, 'gone after fresh');
    const again = await start(dir, true);
    const reply = await again.call('POST', '/rest/api/3/search/jql', { jql: 'project = DEL' });
    expect(at(reply.body, 'issues')).toEqual([]);
  });

  it('refuses to start on a file that is not a local site, rather than overwrite it', async () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'site.json'), JSON.stringify({ hello: 'world' }));
    await expect(startLocalJira({ dataDir: dir, specFile: jiraSpecFile })).rejects.toThrow(/not a local Jira site/);
  });

  it('checks its options when started', async () => {
    await expect(startLocalJira({ port: -1 })).rejects.toThrow(/bad options: port/);
    // @ts-expect-error an unknown option is refused, not ignored
    await expect(startLocalJira({ prot: 8788 })).rejects.toThrow(/bad options/);
    await expect(startLocalJira({ faults: { errorRate: 2 } })).rejects.toThrow(/faults.errorRate/);
  });
});
