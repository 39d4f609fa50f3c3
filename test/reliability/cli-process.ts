import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { LOCAL_ADMIN, type LocalJira } from '../../emulators/jira/index';
import { recordWith } from '../contract/plan-fixture';

/** People of the example records, so the local Jira knows them. */
export const PEOPLE = ['maria.lopez@vendor.example', 'sam.okafor@vendor.example', 'priya.nair@vendor.example'];

/**
 * A record file of `items` tracked items with `links` blocker edges whose gate says go, so
 * the CLI provisions it: the contract fixture plus what a lightweight handoff must carry.
 */
export function recordFile(id: string, items: number, links: number): string {
  const file = join(mkdtempSync(join(tmpdir(), 'handoff-reliability-')), `${id}.handoff.yaml`);
  const record = {
    ...recordWith({ id, items, links, assignees: PEOPLE }),
    scope: { included: ['Everything the fixture promises'] },
    // Accepted, so it adds no item: the plan keeps exactly `items` + the parent.
    risks: [
      {
        id: 'load',
        title: 'The run may be killed',
        severity: 'low',
        owner: PEOPLE[0],
        accepted: 'That is the point of this test.',
      },
    ],
    links: [{ title: 'Reliability suite', url: 'https://docs.example.com/handoff/reliability' }],
    signoffs: { delivery: { by: PEOPLE[0], at: '2027-01-04', status: 'ready' } },
  };
  writeFileSync(file, stringify(record));
  return file;
}

/** `handoff provision FILE --target jira --json` as its own OS process, against a Jira given by URL. */
export function provisionProcess(
  jira: LocalJira,
  file: string,
  cwd: string,
): ChildProcess & { done: Promise<{ code: number | null; signal: string | null; out: string; err: string }> } {
  const child = spawn(
    process.execPath,
    [join(process.cwd(), 'bin/handoff.js'), 'provision', file, '--target', 'jira', '--today', '2027-01-04', '--json'],
    {
      cwd,
      env: {
        ...process.env,
        JIRA_BASE_URL: jira.url,
        JIRA_EMAIL: LOCAL_ADMIN.email,
        JIRA_API_TOKEN: LOCAL_ADMIN.apiToken,
        JIRA_PROJECT_KEY: 'DEL',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const done = new Promise<{ code: number | null; signal: string | null; out: string; err: string }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, out, err }));
  });
  return Object.assign(child, { done });
}
