import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import {
  DEMO_TEAM,
  DEMO_WORKSPACE,
  LOCAL_ASANA_OAUTH_TOKEN,
  LOCAL_ASANA_PAT,
  type LocalAsana,
} from '../../emulators/asana/index';
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

type CliProcess = ChildProcess & {
  done: Promise<{ code: number | null; signal: string | null; out: string; err: string }>;
};

/** `handoff provision FILE --target jira --json` as its own OS process, against a Jira given by URL. */
export function provisionProcess(jira: LocalJira, file: string, cwd: string): CliProcess {
  return provisionInto('jira', file, cwd, {
    JIRA_BASE_URL: jira.url,
    JIRA_EMAIL: LOCAL_ADMIN.email,
    JIRA_API_TOKEN: LOCAL_ADMIN.apiToken,
    JIRA_PROJECT_KEY: 'DEL',
  });
}

/**
 * `handoff provision FILE --target asana --json` as its own OS process, against an Asana given
 * by URL, as the admin: with the OAuth token (`external` data) or the personal access token (notes marker).
 */
export function asanaProvisionProcess(asana: LocalAsana, file: string, cwd: string, tokenKind: 'oauth' | 'pat') {
  return provisionInto('asana', file, cwd, {
    ASANA_BASE_URL: asana.url,
    ASANA_TOKEN: tokenKind === 'oauth' ? LOCAL_ASANA_OAUTH_TOKEN : LOCAL_ASANA_PAT,
    ASANA_TOKEN_KIND: tokenKind,
    ASANA_WORKSPACE: DEMO_WORKSPACE.gid,
    // The demo workspace is an organization: its projects need a team.
    ASANA_TEAM: DEMO_TEAM.gid,
  });
}

function provisionInto(target: 'jira' | 'asana', file: string, cwd: string, env: Record<string, string>): CliProcess {
  const child = spawn(
    process.execPath,
    [join(process.cwd(), 'bin/handoff.js'), 'provision', file, '--target', target, '--today', '2027-01-04', '--json'],
    { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
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
