import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LOCAL_ADMIN, startLocalJira } from '../../emulators/jira/index';

/**
 * `persist: false` (the benchmark's sites): the local Jira keeps its state in the process, from
 * its seed, and never touches the data directory; what a request writes is there for the next.
 */
describe('a local site kept in memory', () => {
  it('answers from its seed, keeps what requests write, and writes no file', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'handoff-memory-')), 'site');
    const jira = await startLocalJira({ dataDir, fresh: true, persist: false });
    const authorization = `Basic ${Buffer.from(`${LOCAL_ADMIN.email}:${LOCAL_ADMIN.apiToken}`).toString('base64')}`;
    try {
      const created = await fetch(`${jira.url}/rest/api/3/issue`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({
          fields: { project: { key: 'DEL' }, issuetype: { name: 'Task' }, summary: 'Kept in memory' },
        }),
      });
      expect(created.status).toBe(201);
      const { key } = z.object({ key: z.string() }).parse(await created.json());
      const read = await fetch(`${jira.url}/rest/api/3/issue/${key}?fields=summary`, { headers: { authorization } });
      const issue = z.object({ fields: z.object({ summary: z.string() }) }).parse(await read.json());
      expect(issue.fields.summary).toBe('Kept in memory');
      expect(existsSync(dataDir)).toBe(false);
    } finally {
      await jira.close();
    }
  });
});
