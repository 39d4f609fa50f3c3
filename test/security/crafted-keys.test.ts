import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startLocalAsana, type LocalAsana } from '../../emulators/asana/index';
import { LOCAL_ADMIN, type LocalJira } from '../../emulators/jira/index';
import { jiraPath, UnsafePathError } from '../../src/trackers/jira/jira-path';
import { createForgeApp, errorOf, okValue, closeJira, startJira, type ForgeApp } from '../forge/support/forge-harness';
import { createKickoffIssue } from '../forge/support/jira-issues';
import { exampleRecord } from '../forge/support/records';
import { ACME, runCli } from '../unit/cli/run-cli';
import { envSetter, TEST_APPROVAL_KEY, TRACKER_ENV_KEYS } from '../emulators/env';
import { CRAFTED_KEYS, OTHER_PROJECT, RESOLVERS, VALID_PAYLOADS } from './support/resolvers';

/**
 * Project keys and ids made to climb out of a path (`../`, `..%2F`, `DEL/../..`), cut it
 * (`?`, `#`), inject a header, or be too long or not ASCII: refused before any request, by the
 * resolvers (payload and context), by the CLI (`--project`, `JIRA_PROJECT_KEY`, `--workspace`),
 * and a value that does get into a Jira path is always one encoded segment.
 */

let jira: LocalJira;
let app: ForgeApp;
beforeAll(async () => {
  jira = await startJira();
  app = createForgeApp(jira);
});
afterAll(() => closeJira(jira));

describe('jiraPath: a value is one encoded path segment or one query value, whatever it holds', () => {
  const site = 'https://site.example';
  const value = fc.oneof(
    fc.constantFrom(...CRAFTED_KEYS, '%2e%2e', '.%2e', '%2E.', '..;', '..\\', '....//'),
    fc.string({ unit: 'binary', maxLength: 40 }),
  );

  const sameSegments =
    'in a path, as a URL parser (fetch) reads it: same segments, no query, no fragment, decodes back to the value';
  it(sameSegments, () => {
    fc.assert(
      fc.property(value, (v) => {
        let text: string;
        try {
          text = jiraPath`/rest/api/3/issue/${v}/comment`.text;
        } catch (error) {
          // Only the segments that are dot-segments by themselves, or empty, are refused.
          expect(error).toBeInstanceOf(UnsafePathError);
          expect(['', '.', '..']).toContain(v);
          return;
        }
        const url = new URL(text, site);
        const segments = url.pathname.split('/');
        expect(segments).toHaveLength(7);
        expect(segments.slice(0, 5)).toEqual(['', 'rest', 'api', '3', 'issue']);
        expect(segments[6]).toBe('comment');
        expect(decodeURIComponent(segments[5] ?? '')).toBe(v);
        expect(url.search).toBe('');
        expect(url.hash).toBe('');
      }),
      { numRuns: 500 },
    );
  });

  it('in a query, as URLSearchParams reads it: the value is whole and the next parameter untouched', () => {
    fc.assert(
      fc.property(
        value.filter((v) => !['', '.', '..'].includes(v)),
        (v) => {
          const url = new URL(
            jiraPath`/rest/api/3/mypermissions?projectKey=${v}&permissions=${'CREATE_ISSUES'}`.text,
            site,
          );
          expect(url.pathname).toBe('/rest/api/3/mypermissions');
          expect(url.searchParams.get('projectKey')).toBe(v);
          expect(url.searchParams.getAll('permissions')).toEqual(['CREATE_ISSUES']);
          expect([...url.searchParams.keys()]).toEqual(['projectKey', 'permissions']);
          expect(url.hash).toBe('');
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('resolvers refuse crafted keys before any request', () => {
  const pageOf = (key: string) => ({
    moduleKey: 'handoff-page',
    siteUrl: jira.url,
    extension: { type: 'jira:projectPage', project: { key, id: '10000', type: 'software' } },
  });

  async function refusedWithoutRequest(name: (typeof RESOLVERS)[number], payload: unknown, context?: unknown) {
    jira.resetStats();
    const error = errorOf(await app.call(name, payload, context === undefined ? {} : { context }));
    expect(jira.stats().total, `${name} sent a request before refusing`).toBe(0);
    return error;
  }

  it.each(RESOLVERS)(
    "%s: a crafted projectKey in the payload, or another project's, is BAD_REQUEST at projectKey",
    async (name) => {
      for (const key of [...CRAFTED_KEYS, OTHER_PROJECT]) {
        const error = await refusedWithoutRequest(name, { ...VALID_PAYLOADS[name], projectKey: key });
        expect(error).toMatchObject({ code: 'BAD_REQUEST', path: 'projectKey' });
      }
    },
  );

  it.each(RESOLVERS)("%s: a crafted project key in the page's context is BAD_REQUEST", async (name) => {
    for (const key of CRAFTED_KEYS)
      expect((await refusedWithoutRequest(name, VALID_PAYLOADS[name], pageOf(key))).code).toBe('BAD_REQUEST');
  });

  it.each(['approveChange', 'rejectChange', 'applyChange'] as const)(
    '%s: a crafted change-request key is BAD_REQUEST at key',
    async (name) => {
      for (const key of [...CRAFTED_KEYS, 'DEL-1/../../x', 'DEL-1?x', 'DEL-1#x', 'DEL-', '-1', 'DEL-1.5', 'DEL-0x1']) {
        expect(await refusedWithoutRequest(name, { ...VALID_PAYLOADS[name], key })).toMatchObject({
          code: 'BAD_REQUEST',
          path: 'key',
        });
      }
    },
  );

  it('a well-formed key of another project is refused after the permission check alone', async () => {
    jira.resetStats();
    expect(errorOf(await app.call('approveChange', { key: 'ABC-1' }))).toMatchObject({
      code: 'BAD_REQUEST',
      path: 'key',
    });
    expect(jira.stats().requests).toEqual({ 'GET /rest/api/3/mypermissions': 1 });
  });
});

describe('the kickoff trigger, given an issue event with a crafted key', () => {
  it('does nothing and sends no request (the key is not a Jira issue key)', async () => {
    const issue = await createKickoffIssue(jira, 'Kickoff: crafted keys');
    const trigger = createForgeApp(jira);
    okValue(
      await trigger.call('saveRecord', {
        record: exampleRecord('acme-onboarding', {
          id: 'crafted-kickoff',
          automation: { kickoffIssue: issue.key, kickoffStatus: 'Kickoff' },
        }),
      }),
      z.unknown(),
    );
    for (const key of [...CRAFTED_KEYS, `${issue.key}/../../x`, `${issue.key}?x`, `${issue.key}#x`]) {
      for (const status of ['Kickoff', 'Done']) {
        jira.resetStats();
        await trigger.kickoff({
          eventType: 'avi:jira:updated:issue',
          issue: { id: issue.id, key, fields: { project: { key: 'DEL' } } },
          changelog: { items: [{ field: 'status', toString: status }] },
        });
        expect(jira.stats().total, `${JSON.stringify(key).slice(0, 40)} → ${status}`).toBe(0);
      }
    }
    expect(trigger.pending).toEqual([]);
  });
});

// ---- the CLI ---------------------------------------------------------------------------

// Every tracker variable the CLI reads, set exactly: none leaks in from the developer's shell.
const setEnv = envSetter(TRACKER_ENV_KEYS);

describe('the CLI refuses a crafted project key or gid with exit 2, before any request', () => {
  let asana: LocalAsana;
  beforeAll(async () => {
    asana = await startLocalAsana({ dataDir: mkdtempSync(join(tmpdir(), 'handoff-crafted-asana-')), fresh: true });
  });
  afterAll(async () => {
    await asana.close();
  });
  afterEach(() => setEnv({}));

  const siteEnv = () => ({
    JIRA_BASE_URL: jira.url,
    JIRA_EMAIL: LOCAL_ADMIN.email,
    JIRA_API_TOKEN: LOCAL_ADMIN.apiToken,
    HANDOFF_APPROVAL_KEY: TEST_APPROVAL_KEY,
  });
  const JIRA_COMMANDS = [
    ['provision', ACME, '--target', 'jira', '--today', '2026-12-01'],
    ['coverage', ACME, '--target', 'jira', '--today', '2026-12-01'],
    ['history', ACME, '--target', 'jira'],
    ['transfer', ACME, '--target', 'jira', '--from', 'maria.lopez@vendor.example', '--to', 'sam.okafor@vendor.example'],
    ['change', 'approve', 'DEL-1', '--target', 'jira'],
  ];

  it.each(JIRA_COMMANDS.map((c) => [c[0], c] as const))(
    '%s --project=<crafted>, on a Jira site: exit 2 and the site saw nothing',
    async (_, command) => {
      setEnv(siteEnv());
      for (const key of CRAFTED_KEYS) {
        jira.resetStats();
        const result = await runCli(...command, `--project=${key}`);
        expect(result.code, `${command[0]} --project=${JSON.stringify(key).slice(0, 30)}: ${result.err}`).toBe(2);
        expect(result.err).toContain('is not a Jira project key');
        expect(jira.stats().total).toBe(0);
      }
    },
  );

  it('JIRA_PROJECT_KEY=<crafted> is refused the same way', async () => {
    for (const key of ['../', 'DEL?x', 'DEL#x', 'DEL/../..']) {
      setEnv({ ...siteEnv(), JIRA_PROJECT_KEY: key });
      jira.resetStats();
      expect((await runCli('provision', ACME, '--target', 'jira', '--today', '2026-12-01')).code).toBe(2);
      expect(jira.stats().total).toBe(0);
    }
  });

  const beforeStart =
    'with --local: refused before the embedded local Jira even starts ' +
    '(it used to start it, fail with exit 1 and keep the process alive)';
  it(beforeStart, async () => {
    setEnv({ HANDOFF_LOCAL_JIRA_DATA: mkdtempSync(join(tmpdir(), 'handoff-crafted-local-')) });
    const result = await runCli(
      'provision',
      ACME,
      '--target',
      'jira',
      '--local',
      '--project=../x',
      '--today',
      '2026-12-01',
    );
    expect(result.err).toContain('is not a Jira project key');
    expect(result).toMatchObject({ code: 2, out: '' });
    expect(result.err).not.toContain('embedded local Jira');
  });

  it('Asana --project, --workspace and --team=<crafted>: exit 2 and Asana saw nothing', async () => {
    setEnv({ ASANA_BASE_URL: asana.url, ASANA_TOKEN: 'any-token-is-fine-here', ASANA_WORKSPACE: '1200000000000000' });
    for (const key of CRAFTED_KEYS) {
      for (const option of ['--project', '--workspace', '--team']) {
        asana.resetStats();
        const result = await runCli(
          'provision',
          ACME,
          '--target',
          'asana',
          `${option}=${key}`,
          '--today',
          '2026-12-01',
        );
        expect(result.code, `${option}=${JSON.stringify(key).slice(0, 30)}: ${result.err}`).toBe(2);
        expect(asana.stats().total).toBe(0);
      }
    }
  });

  it.each(['approve', 'apply', 'reject'])(
    'change %s <crafted id> --target jira|asana: exit 2, nothing sent ' +
      '(it used to send it, encoded, or fail with exit 1 on `..`)',
    async (verb) => {
      setEnv({
        ...siteEnv(),
        ASANA_BASE_URL: asana.url,
        ASANA_TOKEN: 'any-token-is-fine-here',
        ASANA_WORKSPACE: '1200000000000000',
      });
      for (const [id, target] of [
        ...['../x', 'DEL-1/../../x', 'DEL-1?x', 'DEL-1#x', '..', '.', 'del-1'].map((i) => [i, 'jira']),
        ...['../1', '1?x', '1#x', '..', 'DEL-1'].map((i) => [i, 'asana']),
      ]) {
        jira.resetStats();
        asana.resetStats();
        const result = await runCli(
          'change',
          verb,
          id ?? '',
          '--target',
          target ?? '',
          ...(verb === 'reject' ? ['--reason', 'no'] : []),
        );
        expect(result.code, `change ${verb} ${id}: ${result.err}`).toBe(2);
        expect(result.err).toMatch(/is not (a Jira issue key|an Asana task gid)/);
        expect(jira.stats().total + asana.stats().total).toBe(0);
      }
    },
  );
});
