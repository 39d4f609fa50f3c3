import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { envSetter, TEST_APPROVAL_KEY, TRACKER_ENV_KEYS } from '../../emulators/env';

/** `handoff asana-app serve`, started and stopped at once: what it says about approvals from Asana. */
const setEnv = envSetter([...TRACKER_ENV_KEYS, 'HANDOFF_ASANA_CLIENT_SECRET']);
afterEach(() => setEnv({}));

async function serve(env: Partial<Record<(typeof TRACKER_ENV_KEYS)[number], string>>) {
  setEnv({ HANDOFF_ASANA_CLIENT_SECRET: 'client-secret', ASANA_BASE_URL: 'http://127.0.0.1:9/api/1.0', ...env });
  let err = '';
  const io = { out: () => {}, err: (t: string) => void (err += `${t}\n`) };
  const data = mkdtempSync(join(tmpdir(), 'asana-app-serve-'));
  const code = await main(['asana-app', 'serve', '--port', '0', '--data', data], io, async () => {});
  return { code, err };
}

describe('handoff asana-app serve: approvals from Asana', () => {
  it('without HANDOFF_APPROVAL_KEY, says in one line that they are off and why', async () => {
    const run = await serve({ ASANA_TOKEN: 'token' });
    expect(run.code).toBe(0);
    expect(run.err.split('\n').filter((l) => l.includes('approvals from Asana are off'))).toEqual([
      expect.stringContaining('HANDOFF_APPROVAL_KEY (the key change requests are sealed with) is not set'),
    ]);
  });

  it('with the key, names the webhook path `watch` registers', async () => {
    const run = await serve({ ASANA_TOKEN: 'token', ASANA_WORKSPACE: '1200', HANDOFF_APPROVAL_KEY: TEST_APPROVAL_KEY });
    expect(run.code).toBe(0);
    expect(run.err).not.toContain('are off');
    expect(run.err).toMatch(/approvals: +http:\/\/127\.0\.0\.1:\d+\/asana-app\/webhooks\//);
  });

  it('refuses to start with the key but no workspace to apply in, or a key too short', async () => {
    const noWorkspace = await serve({ ASANA_TOKEN: 'token', HANDOFF_APPROVAL_KEY: TEST_APPROVAL_KEY });
    expect([noWorkspace.code, noWorkspace.err]).toEqual([2, expect.stringContaining('ASANA_WORKSPACE')]);
    const short = await serve({ ASANA_TOKEN: 'token', ASANA_WORKSPACE: '1200', HANDOFF_APPROVAL_KEY: 'abc' });
    expect([short.code, short.err]).toEqual([2, expect.stringContaining('at least 32 hexadecimal')]);
  });
});
