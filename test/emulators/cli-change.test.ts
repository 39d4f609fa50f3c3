import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import {
  CHANGE_PROJECT_KEY,
  LOCAL_ADMIN,
  localApiToken,
  startLocalJira,
  type LocalJira,
} from '../../emulators/jira/index';
import { callJira } from './local-jira-harness';
import { TEST_APPROVAL_KEY } from './env';
import { defaultRetryPolicy } from '../../src/provision/retry';
import { runCli, ACME } from '../unit/cli/run-cli';

/** The change-control commands against a served local Jira, acting as the admin or as the approval owner. */

const PRIYA = 'priya.nair@vendor.example'; // acme's approval owner
const ENV_KEYS = [
  'JIRA_BASE_URL',
  'JIRA_EMAIL',
  'JIRA_API_TOKEN',
  'JIRA_PROJECT_KEY',
  'HANDOFF_LOCAL_JIRA_DATA',
  'HANDOFF_APPROVAL_KEY',
] as const;
const dir = mkdtempSync(join(tmpdir(), 'handoff-cli-change-'));
let jira: LocalJira;

function actAs(email: string, apiToken: string) {
  for (const key of ENV_KEYS) delete process.env[key];
  Object.assign(process.env, {
    JIRA_BASE_URL: jira.url,
    JIRA_EMAIL: email,
    JIRA_API_TOKEN: apiToken,
    HANDOFF_APPROVAL_KEY: TEST_APPROVAL_KEY,
  });
}

/** An example record with `edit` applied, written as YAML; returns its path. */
function recordFile(
  name: string,
  source: string,
  edit: (
    record: Record<string, unknown> & { promises: Array<Record<string, unknown>>; people: Record<string, string> },
  ) => void = () => {},
): string {
  const record = parse(readFileSync(source, 'utf8'));
  edit(record);
  const file = join(dir, `${name}.handoff.yaml`);
  writeFileSync(file, stringify(record));
  return file;
}

const json = (out: string) => z.record(z.string(), z.unknown()).parse(JSON.parse(out));
const OLD = recordFile('acme-old', ACME);
const NEW = recordFile('acme-new', ACME, (r) => {
  Object.assign(r.promises[0] ?? {}, { due: 'kickoff+15bd' });
  r.promises.push({
    id: 'weekly-report',
    title: 'Weekly status report to the steering group',
    owner: 'delivery-owner',
    due: 'kickoff+5bd',
  });
});
const NEWER = recordFile('acme-newer', NEW, (r) => Object.assign(r.promises[0] ?? {}, { due: 'kickoff+20bd' }));
const CHG = ['--target', 'jira', '--project', CHANGE_PROJECT_KEY, '--today', '2026-12-01'];

beforeAll(async () => {
  jira = await startLocalJira({
    dataDir: mkdtempSync(join(tmpdir(), 'handoff-cli-change-jira-')),
    fresh: true,
    validate: 'strict',
  });
  actAs(LOCAL_ADMIN.email, LOCAL_ADMIN.apiToken);
  expect((await runCli('provision', OLD, ...CHG)).code).toBe(0);
});
afterAll(async () => {
  for (const key of ENV_KEYS) delete process.env[key];
  const violations = jira.violations();
  await jira.close();
  expect(violations).toEqual([]);
});

describe('handoff change', () => {
  let key = '';

  it('propose: opens a Change Request in CHG, assigned to the approval owner; proposing again finds it', async () => {
    const proposed = await runCli('change', 'propose', OLD, NEW, ...CHG, '--json');
    expect(proposed.code).toBe(0);
    const result = json(proposed.out);
    expect(result).toMatchObject({ kind: 'proposed', key: expect.stringMatching(/^CHG-\d+$/) });
    key = String(result.key);
    const issue = await callJira(jira.url, 'GET', `/rest/api/3/issue/${key}?fields=issuetype,assignee,labels`);
    expect(issue.body).toMatchObject({
      fields: {
        issuetype: { name: 'Change Request' },
        assignee: { emailAddress: PRIYA },
        labels: expect.arrayContaining(['change-request']),
      },
    });
    const text = await runCli('change', 'propose', OLD, NEW, ...CHG);
    expect(text.out).toContain(`already proposed and open: ${key}`);
    expect(text.out).toContain('## Added');
  });

  it('approve and apply: refused for anyone but the approval owner, "not yet" before approval', async () => {
    const refused = await runCli('change', 'approve', key);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`only ${PRIYA} (the approval owner) may decide on ${key}`);
    const early = await runCli('change', 'apply', key, '--today', '2026-12-01');
    expect(early.code).toBe(3);
    expect(early.err).toContain('is not approved yet');

    actAs(PRIYA, localApiToken(PRIYA));
    const approved = await runCli('change', 'approve', key);
    expect(approved.code).toBe(0);
    expect(approved.out).toContain(`approved ${key} as Priya Nair`);
    actAs(LOCAL_ADMIN.email, LOCAL_ADMIN.apiToken);

    const applied = await runCli('change', 'apply', key, '--today', '2026-12-01');
    expect(applied.code).toBe(0);
    expect(applied.out).toMatch(/created\s+CHG-\d+\s+acme-onboarding-2026\/promise\/weekly-report/);
    expect(applied.out).toMatch(/updated\s+CHG-\d+\s+acme-onboarding-2026\/promise\/sso/);
    expect(applied.out).toContain('1 created, 1 updated, 0 descoped');
    const again = await runCli('change', 'apply', key, '--json');
    expect(json(again.out)).toMatchObject({ kind: 'already-applied', calls: expect.any(Number) });
  });

  it('reject: kept with the reason; the change cannot be applied after', async () => {
    const proposed = json((await runCli('change', 'propose', NEW, NEWER, ...CHG, '--json')).out);
    expect(proposed.kind).toBe('proposed');
    actAs(PRIYA, localApiToken(PRIYA));
    expect((await runCli('change', 'reject', String(proposed.key), '--reason', 'SSO cannot move again')).code).toBe(0);
    actAs(LOCAL_ADMIN.email, LOCAL_ADMIN.apiToken);
    const apply = await runCli('change', 'apply', String(proposed.key));
    expect(apply.code).toBe(1);
    expect(apply.err).toContain('SSO cannot move again');
  });

  it('history prints every proposal, approval, rejection and application with who', async () => {
    const history = await runCli('history', OLD, ...CHG.slice(0, 4));
    expect(history.code).toBe(0);
    const lines = history.out.split('\n').filter((l) => /^\d{4}-\d{2}-\d{2} /.test(l));
    expect(lines.map((l) => l.split(/\s+/)[2])).toEqual(['proposed', 'approved', 'applied', 'proposed', 'rejected']);
    expect(history.out).toContain('Priya Nair — SSO cannot move again');
    const events = z
      .object({ events: z.array(z.object({ by: z.string(), action: z.string() })) })
      .parse(JSON.parse((await runCli('history', OLD, ...CHG.slice(0, 4), '--json')).out)).events;
    expect(events.find((e) => e.action === 'approved')?.by).toBe('Priya Nair');
  });

  it('coverage: complete for the applied record, the new ticket has no promise in the old one (exit 3)', async () => {
    const now = await runCli('coverage', NEW, ...CHG);
    expect(now.code).toBe(0);
    expect(now.out).toContain('coverage complete');
    const old = await runCli('coverage', OLD, ...CHG, '--json');
    expect(old.code).toBe(3);
    expect(json(old.out)).toMatchObject({
      complete: false,
      withoutPromise: [
        expect.objectContaining({ itemId: 'acme-onboarding-2026/promise/weekly-report', descoped: false }),
      ],
    });
  });

  it('in a project without a Change Request type, the change request is a Task labelled change-request', async () => {
    const DEL = ['--target', 'jira', '--project', 'DEL', '--today', '2026-12-01'];
    expect((await runCli('provision', OLD, ...DEL)).code).toBe(0);
    const proposed = json((await runCli('change', 'propose', OLD, NEW, ...DEL, '--json')).out);
    const issue = await callJira(jira.url, 'GET', `/rest/api/3/issue/${String(proposed.key)}?fields=issuetype,labels`);
    expect(issue.body).toMatchObject({
      fields: { issuetype: { name: 'Task' }, labels: ['handoff', 'handoff-acme-onboarding-2026', 'change-request'] },
    });
  });
});

describe('handoff transfer', () => {
  const DANIEL = 'daniel.reyes@vendor.example';
  const HALVORSEN = 'examples/halvorsen-university-transfer.handoff.yaml';
  // Before the hand-over: Daniel owns the delivery; the record says nothing of a transfer yet.
  const BEFORE = recordFile('halvorsen-before', HALVORSEN, (r) => {
    r.people['delivery-owner'] = DANIEL;
    delete r.transfer;
    r.scenario = 'lightweight';
  });

  it("moves Daniel's open tickets to Priya with the record's transition note; run again, nothing moves", async () => {
    const provisioned = await runCli('provision', BEFORE, ...CHG, '--json');
    expect(provisioned.code, provisioned.out + provisioned.err).toBe(0);
    const moved = await runCli('transfer', HALVORSEN, '--from', DANIEL, '--to', PRIYA, ...CHG, '--json');
    expect(moved.code, moved.err).toBe(0);
    const result = z
      .object({ moved: z.array(z.object({ key: z.string() })), failed: z.array(z.unknown()) })
      .parse(JSON.parse(moved.out));
    expect(result.moved.length).toBeGreaterThan(5);
    const [first] = result.moved;
    const issue = await callJira(jira.url, 'GET', `/rest/api/3/issue/${first?.key}?fields=assignee,comment`);
    expect(issue.body).toMatchObject({ fields: { assignee: { emailAddress: PRIYA } } });
    expect(JSON.stringify(issue.body)).toContain('Daniel Reyes leaves the company on 4 December');
    const again = await runCli('transfer', HALVORSEN, '--from', DANIEL, '--to', PRIYA, ...CHG);
    expect(again.out).toContain('0 open issues moved');
  });
});

describe('attack F2: Jira restarts in the middle of `change apply`', () => {
  const id = (r: Record<string, unknown>) => Object.assign(r, { id: 'acme-restart-2026' });
  const BASE = recordFile('restart-old', ACME, id);
  const NEXT = recordFile('restart-new', NEW, id);
  const issue = z.object({
    fields: z.object({
      issuelinks: z.array(z.object({ type: z.object({ name: z.string() }) })),
      comment: z.object({ comments: z.array(z.object({ body: z.unknown() })) }),
    }),
  });

  it('exits 1 with the partial report (JSON with --json); run again, every Relates link and one comment', async () => {
    expect((await runCli('provision', BASE, ...CHG)).code).toBe(0);
    const key = String(json((await runCli('change', 'propose', BASE, NEXT, ...CHG, '--json')).out).key);
    actAs(PRIYA, localApiToken(PRIYA));
    expect((await runCli('change', 'approve', key)).code).toBe(0);
    actAs(LOCAL_ADMIN.email, LOCAL_ADMIN.apiToken);

    // From the first Relates link on, Jira is down (a restart): every request fails as fetch fails.
    const realFetch = globalThis.fetch;
    let down = false;
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      down ||= String(input instanceof Request ? input.url : input).includes('/rest/api/3/issueLink');
      if (down) throw new TypeError('fetch failed');
      return realFetch(input, init);
    });
    const sleepSpy = vi.spyOn(defaultRetryPolicy, 'sleep').mockResolvedValue(undefined);
    try {
      const stopped = await runCli('change', 'apply', key, '--json', '--today', '2026-12-01');
      expect(stopped.code).toBe(1);
      expect(json(stopped.out)).toMatchObject({
        kind: 'applied',
        failed: [{ itemId: key, error: expect.stringContaining('fetch failed') }],
      });
      expect(stopped.err).not.toContain('unexpected');
    } finally {
      fetchSpy.mockRestore();
      sleepSpy.mockRestore();
    }
    const again = await runCli('change', 'apply', key, '--today', '2026-12-01');
    expect(again.code, again.err).toBe(0);
    const request = issue.parse(
      (await callJira(jira.url, 'GET', `/rest/api/3/issue/${key}?fields=issuelinks,comment`)).body,
    );
    expect(request.fields.issuelinks.filter((l) => l.type.name === 'Relates')).toHaveLength(2);
    expect(request.fields.comment.comments.filter((c) => JSON.stringify(c.body).includes('Applied '))).toHaveLength(1);
  });
});
