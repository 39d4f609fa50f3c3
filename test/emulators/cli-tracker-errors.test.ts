import { createServer, type Server, type Socket } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LOCAL_ADMIN, LOCAL_VIEWER } from '../../emulators/jira/index';
import { DEMO_WORKSPACE, LOCAL_ASANA_PAT, startLocalAsana, type LocalAsana } from '../../emulators/asana/index';
import { main } from '../../src/cli/main';
import { runCli, ACME } from '../unit/cli/run-cli';
import { cliJiraSite } from './cli-jira-site';
import { envSetter, TEST_APPROVAL_KEY, TRACKER_ENV_KEYS, type TrackerEnv } from './env';

/**
 * What a user sees when the tracker refuses, is not there or never answers: a sentence naming
 * the setting to fix (and the same as `{"error": …}` on stdout under --json), never a token.
 */

const setEnv = envSetter([...TRACKER_ENV_KEYS, 'HANDOFF_REQUEST_TIMEOUT_MS']);
const JIRA = ['--target', 'jira', '--project', 'DEL'];
const TODAY = ['--today', '2026-12-01'];

/** The example record with its first promise due later: a change to propose. */
const LATER = join(mkdtempSync(join(tmpdir(), 'handoff-cli-errors-')), 'acme-later.handoff.yaml');
writeFileSync(
  LATER,
  readFileSync(ACME, 'utf8').replace(/due: kickoff\+(\d+)bd/, (_, n) => `due: kickoff+${Number(n) + 5}bd`),
);

const jsonError = z.object({
  error: z.object({ kind: z.string(), message: z.string(), setting: z.string().optional() }).strict(),
});

/** Runs the command plain and with --json; both exit `code`, stderr matches `sentence`, and no secret shows. */
async function refused(
  argv: string[],
  expected: { code: number; sentence: RegExp; kind: string; setting?: string },
  secrets: string[],
) {
  const plain = await runCli(...argv);
  expect(plain.code).toBe(expected.code);
  expect(plain.err).toMatch(expected.sentence);
  expect(plain.err).not.toMatch(/unexpected|internal error/);
  const json = await runCli(...argv, '--json');
  expect(json.code).toBe(expected.code);
  const { error } = jsonError.parse(JSON.parse(json.out));
  expect(error.kind).toBe(expected.kind);
  expect(error.setting).toBe(expected.setting);
  expect(plain.err).toContain(error.message);
  for (const secret of secrets) expect(plain.out + plain.err + json.out + json.err).not.toContain(secret);
  return { plain, json };
}

describe('attack F16: Jira refusals say which setting to fix (also as JSON)', () => {
  const site = cliJiraSite({}, false);
  const asAdmin = () =>
    setEnv({ JIRA_BASE_URL: site.jira.url, JIRA_EMAIL: LOCAL_ADMIN.email, JIRA_API_TOKEN: LOCAL_ADMIN.apiToken });

  it('a wrong API token: "Jira refused the credentials in JIRA_EMAIL / JIRA_API_TOKEN (401)"', async () => {
    setEnv({ JIRA_BASE_URL: site.jira.url, JIRA_EMAIL: LOCAL_ADMIN.email, JIRA_API_TOKEN: 'WRONG-TOKEN-123456' });
    await refused(
      ['provision', ACME, ...JIRA, ...TODAY],
      {
        code: 1,
        sentence:
          /^handoff: Jira refused the credentials in JIRA_EMAIL \/ JIRA_API_TOKEN \(401 on GET \/rest\/api\/3\//m,
        kind: 'credentials',
        setting: 'JIRA_EMAIL / JIRA_API_TOKEN',
      },
      ['WRONG-TOKEN-123456'],
    );
  });

  it('the viewer proposing a change: "… lacks permission to create issues in DEL (403 …)"', async () => {
    asAdmin();
    expect((await runCli('provision', ACME, ...JIRA, ...TODAY)).code).toBe(0);
    setEnv({
      JIRA_BASE_URL: site.jira.url,
      JIRA_EMAIL: LOCAL_VIEWER.email,
      JIRA_API_TOKEN: LOCAL_VIEWER.apiToken,
      HANDOFF_APPROVAL_KEY: TEST_APPROVAL_KEY,
    });
    await refused(
      ['change', 'propose', ACME, LATER, ...JIRA, ...TODAY],
      {
        code: 1,
        sentence:
          /^handoff: viewer@handoff\.local \(JIRA_EMAIL\) lacks permission to create issues in DEL \(403 on POST \/rest\/api\/3\/issue\): .*permission/m,
        kind: 'permission',
        setting: 'JIRA_EMAIL / JIRA_API_TOKEN',
      },
      [LOCAL_VIEWER.apiToken],
    );
  });

  it('attack F19: a mistyped path in JIRA_BASE_URL is "no API at", not a missing user or change', async () => {
    setEnv({
      JIRA_BASE_URL: `${site.jira.url}/typo`,
      JIRA_EMAIL: LOCAL_ADMIN.email,
      JIRA_API_TOKEN: LOCAL_ADMIN.apiToken,
    });
    const sentence = new RegExp(
      `^handoff: Jira has no API at ${site.jira.url}/typo ` +
        `\\(404 on (GET|POST) /rest/api/3/[^)]*\\); check JIRA_BASE_URL`,
      'm',
    );
    for (const command of [
      ['provision', ACME, ...TODAY],
      ['history', ACME],
    ])
      await refused([...command, ...JIRA], { code: 1, sentence, kind: 'api-not-found', setting: 'JIRA_BASE_URL' }, [
        LOCAL_ADMIN.apiToken,
      ]);
  });

  it('attack F13: a user and token in JIRA_BASE_URL are refused before any request, never echoed', async () => {
    const requests = site.jira.stats().total;
    const host = new URL(site.jira.url).host;
    setEnv({
      JIRA_BASE_URL: `http://admin%40handoff.local:S3CRET-TOKEN-abcdef123456@${host}`,
      JIRA_EMAIL: LOCAL_ADMIN.email,
      JIRA_API_TOKEN: 'S3CRET-TOKEN-abcdef123456',
    });
    for (const command of [
      ['provision', ACME, ...TODAY],
      ['history', ACME],
    ])
      await refused(
        [...command, ...JIRA],
        {
          code: 2,
          sentence: /^bad Jira settings: JIRA_BASE_URL must not contain a user or password/m,
          kind: 'settings',
          setting: 'JIRA_BASE_URL',
        },
        ['S3CRET', 'admin%40'],
      );
    expect(site.jira.stats().total).toBe(requests);
  });
});

describe('attack F16: a dead port says "cannot reach Jira at …; check JIRA_BASE_URL", after telling each retry', () => {
  let url = '';
  beforeAll(async () => {
    // A port that was just free: nothing listens there now.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const address = probe.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    await new Promise((resolve) => probe.close(resolve));
    setEnv({ JIRA_BASE_URL: url, JIRA_EMAIL: LOCAL_ADMIN.email, JIRA_API_TOKEN: 'DEAD-PORT-TOKEN' });
  });
  afterAll(() => setEnv({}));

  it('names the address and the setting, and the retries on the way', { timeout: 60_000 }, async () => {
    const { plain } = await refused(
      ['history', ACME, ...JIRA],
      {
        code: 1,
        sentence: new RegExp(
          `^handoff: cannot reach Jira at ${url}: connection refused \\(ECONNREFUSED\\); check JIRA_BASE_URL`,
          'm',
        ),
        kind: 'unreachable',
        setting: 'JIRA_BASE_URL',
      },
      ['DEAD-PORT-TOKEN'],
    );
    expect(plain.err).toMatch(/^Jira is not answering: connection refused \(ECONNREFUSED\); retrying in .* \(2\/6\)$/m);
    expect(plain.err).toMatch(/\(6\/6\)$/m);
  });
});

describe('attacks F10 and F11: a tracker that accepts and never answers is told within seconds, not minutes', () => {
  let server: Server;
  let url = '';
  const sockets: Socket[] = [];
  beforeAll(async () => {
    server = createServer((socket) => void sockets.push(socket)); // accepts, never answers
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    setEnv({});
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it.each([
    ['Jira', () => ({ JIRA_BASE_URL: url, JIRA_EMAIL: LOCAL_ADMIN.email, JIRA_API_TOKEN: LOCAL_ADMIN.apiToken }), JIRA],
    [
      'Asana',
      () => ({ ASANA_BASE_URL: `${url}/api/1.0`, ASANA_TOKEN: LOCAL_ASANA_PAT, ASANA_WORKSPACE: DEMO_WORKSPACE.gid }),
      ['--target', 'asana'],
    ],
  ] as const)(
    '%s: the first progress line comes within 10 s; --json keeps them on stderr',
    { timeout: 60_000 },
    async (name, env, target) => {
      setEnv({ ...env(), HANDOFF_REQUEST_TIMEOUT_MS: '300' });
      const started = Date.now();
      const lines: { at: number; text: string }[] = [];
      let out = '';
      const code = await main(['history', ACME, ...target, '--json'], {
        out: (text) => void (out += text),
        err: (text) => void lines.push({ at: Date.now() - started, text }),
      });
      expect(code).toBe(1);
      const progress = lines.filter((l) => l.text.startsWith(`${name} is not answering: no answer within 300 ms`));
      expect(progress.length).toBeGreaterThanOrEqual(5);
      expect(progress[0]?.at).toBeLessThan(10_000);
      const { error } = jsonError.parse(JSON.parse(out));
      expect(error).toMatchObject({ kind: 'unreachable', message: expect.stringMatching(`^cannot reach ${name} at`) });
      expect(lines.map((l) => l.text).join('\n')).not.toMatch(/unexpected|internal error/);
    },
  );
});

describe('attack F19 and F16 on Asana: a mistyped ASANA_BASE_URL path, a wrong token, a URL with a password', () => {
  let asana: LocalAsana;
  const env = (more: TrackerEnv) =>
    setEnv({ ASANA_TOKEN: LOCAL_ASANA_PAT, ASANA_WORKSPACE: DEMO_WORKSPACE.gid, ...more });
  const ASANA = ['--target', 'asana'];
  beforeAll(async () => {
    asana = await startLocalAsana({ dataDir: mkdtempSync(join(tmpdir(), 'handoff-cli-asana-errors-')), fresh: true });
  });
  afterAll(async () => {
    setEnv({});
    await asana.close();
  });

  it('provision and history say "no API at" instead of "no account" or "no change proposed"', async () => {
    const typo = asana.url.replace('/api/1.0', '/typo/api/1.0');
    env({ ASANA_BASE_URL: typo });
    const sentence = new RegExp(
      `^handoff: Asana has no API at ${typo.replace(/\./g, '\\.')} \\(404 on [^)]*\\); check ASANA_BASE_URL`,
      'm',
    );
    for (const command of [
      ['provision', ACME, ...TODAY],
      ['history', ACME],
    ]) {
      const { plain } = await refused(
        [...command, ...ASANA],
        { code: 1, sentence, kind: 'api-not-found', setting: 'ASANA_BASE_URL' },
        [LOCAL_ASANA_PAT],
      );
      expect(plain.out).not.toMatch(/NOT YET|no change/);
    }
  });

  it('a wrong token: "Asana refused the credentials in ASANA_TOKEN (401 …)"', async () => {
    env({ ASANA_BASE_URL: asana.url, ASANA_TOKEN: 'WRONG-ASANA-TOKEN-987' });
    await refused(
      ['history', ACME, ...ASANA],
      {
        code: 1,
        sentence: /^handoff: Asana refused the credentials in ASANA_TOKEN \(401 on /m,
        kind: 'credentials',
        setting: 'ASANA_TOKEN',
      },
      ['WRONG-ASANA-TOKEN-987'],
    );
  });

  it('attack F13: a password in ASANA_BASE_URL is refused, never echoed', async () => {
    env({ ASANA_BASE_URL: asana.url.replace('http://', 'http://me:S3CRET-ASANA@') });
    await refused(
      ['history', ACME, ...ASANA],
      {
        code: 2,
        sentence: /^bad Asana settings: ASANA_BASE_URL must not contain a user or password/m,
        kind: 'settings',
        setting: 'ASANA_BASE_URL',
      },
      ['S3CRET-ASANA'],
    );
  });
});
