import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ADMIN, LOCAL_CLOUD_ID, startLocalJira, type LocalJira } from '../../emulators/jira/index';
import { runCli } from '../unit/cli/run-cli';
import { envSetter, TRACKER_ENV_KEYS } from './env';

/**
 * A scoped API token: the CLI calls the API through the gateway (JIRA_API_BASE_URL) and links
 * to the site (JIRA_BASE_URL). The site here is an address nobody answers at, so a call that
 * went there instead of the gateway would fail the run.
 */

const setEnv = envSetter(TRACKER_ENV_KEYS);
const SITE = 'https://handoff-gateway-test.invalid';
const BRIGHTSIDE = 'examples/brightside-proofing.handoff.yaml';

describe('handoff provision with a scoped token, through the API gateway', () => {
  let jira: LocalJira;
  beforeAll(async () => {
    jira = await startLocalJira({
      dataDir: mkdtempSync(join(tmpdir(), 'handoff-cli-gateway-')),
      fresh: true,
      validate: 'strict',
    });
  });
  afterAll(async () => {
    setEnv({});
    expect(jira.violations()).toEqual([]);
    await jira.close();
  });

  const scoped = (apiBase: string) =>
    setEnv({
      JIRA_BASE_URL: SITE,
      JIRA_API_BASE_URL: apiBase,
      JIRA_EMAIL: LOCAL_ADMIN.email,
      JIRA_API_TOKEN: LOCAL_ADMIN.apiToken,
      JIRA_PROJECT_KEY: 'DEL',
    });

  it('calls /ex/jira/{cloudId} and links every issue on the site', async () => {
    scoped(`${jira.url}/ex/jira/${LOCAL_CLOUD_ID}`);
    const result = await runCli('provision', BRIGHTSIDE, '--target', 'jira', '--today', '2026-12-01');
    expect(result.code, result.err).toBe(0);
    const links = result.out.match(/\S+\/browse\/DEL-\d+/g) ?? [];
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link).toMatch(new RegExp(`^${SITE.replace(/\./g, '\\.')}/browse/DEL-\\d+$`));
    expect(result.out).not.toContain('/ex/jira');
    expect(jira.stats().total).toBeGreaterThan(0);
  });

  it('refuses a gateway URL a token must not travel to in the clear, naming the setting (usage error)', async () => {
    scoped('http://api.atlassian.com/ex/jira/x');
    const result = await runCli('provision', BRIGHTSIDE, '--target', 'jira', '--today', '2026-12-01');
    expect(result.code).toBe(2);
    expect(result.err).toContain('JIRA_API_BASE_URL must be an https URL');
  });

  it('needs the site with the gateway (usage error)', async () => {
    setEnv({ JIRA_API_BASE_URL: `${jira.url}/ex/jira/${LOCAL_CLOUD_ID}` });
    const result = await runCli('provision', BRIGHTSIDE, '--target', 'jira', '--today', '2026-12-01');
    expect(result.code).toBe(2);
    expect(result.err).toContain('set JIRA_BASE_URL too');
  });
});
