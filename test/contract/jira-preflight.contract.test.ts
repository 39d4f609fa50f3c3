import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DEMO_PROJECT_KEY,
  LOCAL_ADMIN,
  SCREENS_PROJECT_KEY,
  startLocalJira,
  type LocalJira,
} from '../../emulators/jira/index';
import { readRecord } from '../../src/domain/record/read-record';
import { applyPlan } from '../../src/provision/engine';
import { defaultRetryPolicy } from '../../src/provision/retry';
import { basicAuthRequest } from '../../src/trackers/jira/jira-request';
import { createJiraTracker } from '../../src/trackers/jira/jira-tracker';
import { planWithPeople, provisionRecord } from '../../src/usecases/provision-record';
import { ACME } from '../unit/cli/run-cli';

/**
 * The preflight against the local Jira's OPS project, which is set up the hard way (no Due date
 * on the Task screens, Epic Name required on Epics, a Resolution required by "Done"): the gate
 * names what creating would meet, and what it names is what Jira then refuses.
 */
let jira: LocalJira;
beforeAll(async () => {
  jira = await startLocalJira({
    dataDir: mkdtempSync(join(tmpdir(), 'handoff-jira-preflight-')),
    fresh: true,
    validate: 'strict',
  });
});
afterAll(async () => {
  const violations = jira.violations();
  await jira.close();
  expect(violations, 'the emulator broke the Jira spec').toEqual([]);
});

const trackerIn = (projectKey: string) =>
  createJiraTracker({
    request: basicAuthRequest({ baseUrl: jira.url, email: LOCAL_ADMIN.email, apiToken: LOCAL_ADMIN.apiToken }),
    projectKey,
    siteUrl: jira.url,
  });
const acme = () => {
  const record = readRecord(readFileSync(ACME, 'utf8'));
  if (!record.ok) throw new Error('the acme example is invalid');
  return record.value;
};
const options = { target: 'jira' as const, today: '2026-12-01', policy: defaultRetryPolicy };
const OPS = SCREENS_PROJECT_KEY;
const ADMIN_AUTH = `Basic ${Buffer.from(`${LOCAL_ADMIN.email}:${LOCAL_ADMIN.apiToken}`).toString('base64')}`;

async function issuesIn(projectKey: string): Promise<number> {
  const response = await fetch(`${jira.url}/rest/api/3/search/jql`, {
    method: 'POST',
    headers: {
      authorization: ADMIN_AUTH,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ jql: `project = ${projectKey}`, maxResults: 100 }),
  });
  return z.object({ issues: z.array(z.unknown()) }).parse(await response.json()).issues.length;
}

describe('the Jira preflight on the local Jira', () => {
  it('finds nothing to refuse in DEL, whose screens take everything the plan sends', async () => {
    const result = await provisionRecord(acme(), trackerIn(DEMO_PROJECT_KEY), { ...options, dryRun: true });
    expect(result.kind).toBe('dry-run');
  });

  it('in OPS, blocks on the missing Due date and the required Epic Name, and creates nothing', async () => {
    const result = await provisionRecord(acme(), trackerIn(OPS), options);
    expect(result.kind).toBe('not-yet');
    expect(result.gate.blockers).toEqual([
      {
        path: 'title',
        message:
          'Jira project OPS: Epic requires "Epic Name", which Handoff does not fill — make it optional for Epic ' +
          'in OPS (Project settings → Issue types → Epic → Fields), or give it a default value',
      },
      {
        path: expect.stringMatching(/\.due$/),
        message:
          'Jira project OPS: the Task create screen has no "Due date" field — add it to the screen ' +
          '(Project settings → Issue types → Task → Fields) or Handoff cannot set due dates',
      },
    ]);
    expect(await issuesIn(OPS)).toBe(0);
  });

  it('names what Jira then refuses: applied without the gate, the Epic fails on Epic Name', async () => {
    const tracker = trackerIn(OPS);
    const { plan, accounts } = await planWithPeople(acme(), tracker, options);
    const report = await applyPlan(plan, tracker, { accounts, policy: defaultRetryPolicy });
    expect(report.created).toEqual([]);
    expect(report.failed.find((f) => f.itemId === plan.items[0]?.itemId)?.error).toContain('Epic Name is required.');
    expect(await issuesIn(OPS)).toBe(0);
  });

  it('says which field keeps a change request from being approved, instead of a 400', async () => {
    const tracker = trackerIn(OPS);
    const created = await fetch(`${jira.url}/rest/api/3/issue`, {
      method: 'POST',
      headers: {
        authorization: ADMIN_AUTH,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ fields: { project: { key: OPS }, issuetype: { name: 'Task' }, summary: 'Change' } }),
    });
    const { key } = z.object({ key: z.string() }).parse(await created.json());
    expect(await tracker.approveChangeRequest(key)).toBe(
      `the "Done" transition of ${key} requires "Resolution"; Handoff cannot fill it — remove it from the ` +
        `transition's screen in the OPS workflow (or make it optional), or move ${key} to Done in Jira ` +
        `yourself as the approval owner`,
    );
    const status = await fetch(`${jira.url}/rest/api/3/issue/${key}?fields=status`, {
      headers: {
        authorization: ADMIN_AUTH,
      },
    });
    expect(await status.json()).toMatchObject({ fields: { status: { name: 'To Do' } } });
  });
});
