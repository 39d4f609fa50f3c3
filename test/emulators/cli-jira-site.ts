import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { LOCAL_ADMIN, startLocalJira, type LocalJira, type LocalJiraOptions } from '../../emulators/jira/index';
import { envSetter, TEST_APPROVAL_KEY, TRACKER_ENV_KEYS } from './env';

/**
 * A fresh local Jira for the tests of one describe block, strict about the spec, that the CLI
 * reaches as a real site: JIRA_BASE_URL and the admin's API token in the environment, project
 * DEL, the approval key (`env: false` leaves the environment to the test). Fails the block on any spec violation.
 */
export function cliJiraSite(options: LocalJiraOptions = {}, env = true): { readonly jira: LocalJira } {
  const setEnv = envSetter(TRACKER_ENV_KEYS);
  let jira: LocalJira | undefined;
  beforeAll(async () => {
    jira = await startLocalJira({
      dataDir: mkdtempSync(join(tmpdir(), 'handoff-cli-site-')),
      fresh: true,
      validate: 'strict',
      ...options,
    });
    if (env)
      setEnv({
        JIRA_BASE_URL: jira.url,
        JIRA_EMAIL: LOCAL_ADMIN.email,
        JIRA_API_TOKEN: LOCAL_ADMIN.apiToken,
        JIRA_PROJECT_KEY: 'DEL',
        HANDOFF_APPROVAL_KEY: TEST_APPROVAL_KEY,
      });
  });
  afterAll(async () => {
    setEnv({});
    expect(jira?.violations()).toEqual([]);
    await jira?.close();
  });
  return {
    get jira(): LocalJira {
      if (!jira) throw new Error('the local Jira starts in beforeAll');
      return jira;
    },
  };
}
