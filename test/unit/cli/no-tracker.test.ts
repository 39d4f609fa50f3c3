import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envSetter, TEST_APPROVAL_KEY, TRACKER_ENV_KEYS } from '../../emulators/env';
import { ACME, runCli } from './run-cli';

/**
 * Without credentials and without `--local`, a command that reaches a tracker says which
 * variables to set and exits 2 before anything starts: it used to fall back to the embedded
 * local Jira or Asana and exit 0, so a forgotten variable "provisioned" somewhere nobody looks.
 */

const setEnv = envSetter(TRACKER_ENV_KEYS);

// The embedded emulators would create these data directories on start: that they stay absent says nothing started.
const root = mkdtempSync(join(tmpdir(), 'handoff-no-tracker-'));
const localJiraData = join(root, 'jira');
const localAsanaData = join(root, 'asana');

const COMMANDS = (target: 'jira' | 'asana') => [
  ['provision', ACME, '--today', '2026-12-01'],
  ['provision', ACME, '--today', '2026-12-01', '--dry-run'],
  ['change', 'propose', ACME, ACME],
  ['change', 'approve', target === 'jira' ? 'DEL-1' : '1200000000000001'],
  ['change', 'apply', target === 'jira' ? 'DEL-1' : '1200000000000001'],
  ['change', 'reject', target === 'jira' ? 'DEL-1' : '1200000000000001', '--reason', 'no'],
  ['transfer', ACME, '--from', 'maria.lopez@vendor.example', '--to', 'sam.okafor@vendor.example'],
  ['history', ACME],
  ['coverage', ACME, '--today', '2026-12-01'],
];

describe('a command that reaches a tracker, with neither credentials nor --local', () => {
  // With the approval key: the change commands check it before the tracker, and it is not what is missing here.
  beforeAll(() =>
    setEnv({
      HANDOFF_LOCAL_JIRA_DATA: localJiraData,
      HANDOFF_LOCAL_ASANA_DATA: localAsanaData,
      HANDOFF_APPROVAL_KEY: TEST_APPROVAL_KEY,
    }),
  );
  afterAll(() => setEnv({}));

  it.each(COMMANDS('jira').map((c) => [c.slice(0, 2).join(' '), c] as const))(
    '%s --target jira: exit 2, names the Jira variables and --local, starts nothing',
    async (_, command) => {
      const result = await runCli(...command, '--target', 'jira');
      expect(result.code, result.err).toBe(2);
      for (const name of ['JIRA_BASE_URL', 'JIRA_EMAIL', 'JIRA_API_TOKEN', 'JIRA_PROJECT_KEY', '--local'])
        expect(result.err).toContain(name);
      expect(result.out).toBe('');
      expect(existsSync(localJiraData)).toBe(false);
    },
  );

  it.each(COMMANDS('asana').map((c) => [c.slice(0, 2).join(' '), c] as const))(
    '%s --target asana: exit 2, names the Asana variables and --local, starts nothing',
    async (_, command) => {
      const result = await runCli(...command, '--target', 'asana');
      expect(result.code, result.err).toBe(2);
      for (const name of ['ASANA_BASE_URL', 'ASANA_TOKEN', 'ASANA_WORKSPACE', '--local'])
        expect(result.err).toContain(name);
      expect(result.out).toBe('');
      expect(existsSync(localAsanaData)).toBe(false);
    },
  );

  it('an Asana token alone is not enough either: the base URL is asked for, nothing falls back', async () => {
    setEnv({ ASANA_TOKEN: 'a-token', HANDOFF_LOCAL_ASANA_DATA: localAsanaData });
    const result = await runCli('provision', ACME, '--target', 'asana', '--today', '2026-12-01');
    expect(result.code).toBe(2);
    expect(result.err).toContain('ASANA_BASE_URL');
    expect(existsSync(localAsanaData)).toBe(false);
  });

  it('an Asana OAuth app needs its three variables together: exit 2 names the one missing', async () => {
    setEnv({
      ASANA_BASE_URL: 'https://app.asana.com/api/1.0',
      ASANA_WORKSPACE: '1200000000000000',
      ASANA_CLIENT_ID: '1200000000000042',
      ASANA_REFRESH_TOKEN: 'refresh-token-that-stays-secret',
      HANDOFF_LOCAL_ASANA_DATA: localAsanaData,
    });
    const result = await runCli('provision', ACME, '--target', 'asana', '--today', '2026-12-01');
    expect(result.code).toBe(2);
    expect(result.err).toContain('set ASANA_CLIENT_SECRET too');
    expect(result.err).not.toContain('refresh-token-that-stays-secret');
  });

  it('--local is in the help of every command that reaches a tracker', async () => {
    for (const command of [['provision'], ['change', 'propose'], ['change', 'apply'], ['transfer'], ['history']]) {
      const help = await runCli(...command, '--help');
      expect(help.out, command.join(' ')).toContain('--local');
    }
  });
});
