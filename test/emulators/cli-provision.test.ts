import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LOCAL_ADMIN, LOCAL_VIEWER } from '../../emulators/jira/index';
import { runCli, ACME } from '../unit/cli/run-cli';
import { envSetter } from './env';
import { cliJiraSite } from './cli-jira-site';

const report = z.object({
  created: z.array(z.object({ itemId: z.string(), key: z.string() })),
  existing: z.array(z.object({ itemId: z.string(), key: z.string() })),
  failed: z.array(z.object({ itemId: z.string(), error: z.string() })),
  links: z.object({ created: z.number(), existing: z.number(), failed: z.array(z.unknown()) }),
  calls: z.number(),
});

const setEnv = envSetter([
  'JIRA_BASE_URL',
  'JIRA_EMAIL',
  'JIRA_API_TOKEN',
  'JIRA_PROJECT_KEY',
  'HANDOFF_LOCAL_JIRA_DATA',
]);

describe('handoff provision --target jira, on the embedded local Jira (--local)', () => {
  beforeAll(() => setEnv({ HANDOFF_LOCAL_JIRA_DATA: mkdtempSync(join(tmpdir(), 'handoff-cli-jira-')) }));
  afterAll(() => setEnv({}));

  it('creates every planned issue, says which Jira it used, and a re-run creates nothing', async () => {
    const first = await runCli('provision', ACME, '--target', 'jira', '--local', '--today', '2026-12-01', '--json');
    expect(first.code).toBe(0);
    expect(first.err).toContain('using the embedded local Jira');
    const created = report.parse(JSON.parse(first.out));
    expect(created.created).toHaveLength(9);
    expect(created.links).toEqual({ created: 4, existing: 0, failed: [] });
    const again = report.parse(
      JSON.parse(
        (await runCli('provision', ACME, '--target', 'jira', '--local', '--today', '2026-12-01', '--json')).out,
      ),
    );
    expect(again.created).toEqual([]);
    expect(again.existing.map((e) => e.key).sort()).toEqual(created.created.map((c) => c.key).sort());
    expect(again.links).toEqual({ created: 0, existing: 4, failed: [] });
    expect(again.calls).toBeLessThanOrEqual(3);
  });

  it('refuses a not-yet record with exit 3, lists the blockers and creates nothing', async () => {
    const result = await runCli(
      'provision',
      'examples/skylark-support-not-yet.handoff.yaml',
      '--target',
      'jira',
      '--local',
      '--today',
      '2026-12-01',
    );
    expect(result.code).toBe(3);
    expect(result.out).toContain('NOT YET: nothing was created');
    expect(result.out).toContain('signoffs.operations');
  });

  it('--dry-run looks people up and creates nothing', async () => {
    const result = await runCli(
      'provision',
      'examples/brightside-proofing.handoff.yaml',
      '--target',
      'jira',
      '--local',
      '--today',
      '2026-12-01',
      '--dry-run',
    );
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/dry run: the gate says go; \d+ items? would be provisioned into DEL/);
    const real = report.parse(
      JSON.parse(
        (
          await runCli(
            'provision',
            'examples/brightside-proofing.handoff.yaml',
            '--target',
            'jira',
            '--local',
            '--today',
            '2026-12-01',
            '--json',
          )
        ).out,
      ),
    );
    expect(real.existing).toEqual([]);
  });

  it('--dry-run --project OPS names what the project’s screens refuse, exits 3 and creates nothing', async () => {
    const args = ['provision', ACME, '--target', 'jira', '--local', '--project', 'OPS', '--today', '2026-12-01'];
    const result = await runCli(...args, '--dry-run');
    expect(result.code).toBe(3);
    expect(result.out).toContain('NOT YET: nothing was created');
    expect(result.out).toContain(
      '  ✗ title: Jira project OPS: Epic requires "Epic Name", which Handoff does not fill — make it optional ' +
        'for Epic in OPS (Project settings → Issue types → Epic → Fields), or give it a default value',
    );
    expect(result.out).toMatch(
      /\n {2}✗ \S+\.due: Jira project OPS: the Task create screen has no "Due date" field — add it to the screen/,
    );
    const json = await runCli(...args, '--dry-run', '--json');
    expect(JSON.parse(json.out)).toMatchObject({ decision: 'not-yet' });
    // Without --dry-run the gate stops it all the same: nothing reaches OPS.
    expect((await runCli(...args)).code).toBe(3);
  });
});

describe('handoff provision against a Jira site given by JIRA_BASE_URL', () => {
  const site = cliJiraSite();

  it('provisions into that site, visible through its own REST API', async () => {
    const result = await runCli('provision', ACME, '--target', 'jira', '--today', '2026-12-01', '--json');
    expect(result.code).toBe(0);
    expect(result.err).not.toContain('embedded');
    const { created } = report.parse(JSON.parse(result.out));
    const sso = created.find((c) => c.itemId.endsWith('/promise/sso'));
    const auth = `Basic ${Buffer.from(`${LOCAL_ADMIN.email}:${LOCAL_ADMIN.apiToken}`).toString('base64')}`;
    const issue = await (
      await fetch(
        `${site.jira.url}/rest/api/3/issue/${sso?.key}` +
          '?fields=assignee,duedate,issuelinks,parent,labels&properties=handoff',
        { headers: { authorization: auth } },
      )
    ).json();
    expect(issue.fields.assignee.emailAddress).toBe('maria.lopez@vendor.example');
    expect(issue.fields.duedate).toBe('2027-01-04');
    expect(issue.fields.labels).toEqual(expect.arrayContaining(['handoff', 'promise', 'milestone-pilot']));
    expect(issue.properties.handoff).toMatchObject({
      recordId: 'acme-onboarding-2026',
      itemId: 'acme-onboarding-2026/promise/sso',
    });
    expect(issue.fields.issuelinks).toEqual([
      expect.objectContaining({
        type: expect.objectContaining({ name: 'Blocks' }),
        inwardIssue: expect.objectContaining({
          key: created.find((c) => c.itemId.endsWith('/dependency/azure-app'))?.key,
        }),
      }),
    ]);
  });

  it('stops at the gate when the user may not create issues (exit 3), before any write', async () => {
    setEnv({
      JIRA_BASE_URL: site.jira.url,
      JIRA_EMAIL: LOCAL_VIEWER.email,
      JIRA_API_TOKEN: LOCAL_VIEWER.apiToken,
      JIRA_PROJECT_KEY: 'DEL',
    });
    try {
      const result = await runCli(
        'provision',
        'examples/brightside-proofing.handoff.yaml',
        '--target',
        'jira',
        '--today',
        '2026-12-01',
        '--json',
      );
      expect(result.code).toBe(3);
      // createmeta lists no issue type to someone without Create issues, so nothing is even tried.
      expect(JSON.parse(result.out)).toMatchObject({
        decision: 'not-yet',
        blockers: [
          {
            path: 'title',
            message: expect.stringMatching(
              /^Jira project DEL has no "Epic" issue type you may create — .*Create issues/,
            ),
          },
          { message: expect.stringMatching(/^Jira project DEL has no "Task" issue type you may create/) },
        ],
      });
    } finally {
      setEnv({
        JIRA_BASE_URL: site.jira.url,
        JIRA_EMAIL: LOCAL_ADMIN.email,
        JIRA_API_TOKEN: LOCAL_ADMIN.apiToken,
        JIRA_PROJECT_KEY: 'DEL',
      });
    }
  });

  it('needs the e-mail and API token with the base URL (usage error)', async () => {
    setEnv({ JIRA_BASE_URL: site.jira.url });
    const result = await runCli('provision', ACME, '--target', 'jira', '--today', '2026-12-01');
    expect(result.code).toBe(2);
    expect(result.err).toContain('set JIRA_EMAIL and JIRA_API_TOKEN');
    setEnv({
      JIRA_BASE_URL: site.jira.url,
      JIRA_EMAIL: LOCAL_ADMIN.email,
      JIRA_API_TOKEN: LOCAL_ADMIN.apiToken,
      JIRA_PROJECT_KEY: 'DEL',
    });
  });
});
