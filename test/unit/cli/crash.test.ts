import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { EXIT } from '../../../src/cli/exit-codes';
import { TrackerError } from '../../../src/provision/tracker-error';
import { ACME } from './run-cli';

/**
 * An error nothing below main() expected is a bug in handoff: its own exit code (not 1, which
 * says the record is invalid), a sentence saying so and where to report it, and the stack only
 * under --debug. The failure is injected through the output, which every command writes to.
 */
async function crashing(error: unknown, ...argv: string[]) {
  let err = '';
  const code = await main(argv, {
    out: () => {
      throw error;
    },
    err: (t) => {
      err += `${t}\n`;
    },
  });
  return { code, err };
}

describe('an unexpected error', () => {
  it('exits 70 (EX_SOFTWARE), says it is a bug in handoff and how to report it, without a stack', async () => {
    const { code, err } = await crashing(new TypeError('boom'), 'validate', ACME);
    expect(code).toBe(EXIT.crash);
    expect(code).toBe(70);
    expect(err).toContain('handoff: internal error: boom');
    expect(err).toContain('bug in handoff');
    expect(err).toContain("repository's issues");
    expect(err).toContain('--debug');
    expect(err).not.toMatch(/\bat \S+\.ts:\d+/);
  });

  it('prints the stack under --debug, before or after the command', async () => {
    for (const argv of [
      ['--debug', 'validate', ACME],
      ['validate', ACME, '--debug'],
    ]) {
      const { code, err } = await crashing(new TypeError('boom'), ...argv);
      expect(code).toBe(EXIT.crash);
      expect(err).toContain('TypeError: boom');
      expect(err).toMatch(/\bat \S+\.ts:\d+/);
    }
  });

  it('a tracker failure is not a bug: exit 1, said without the bug report text', async () => {
    const refused = new TrackerError({ tracker: 'jira', operation: 'GET /myself', status: 401, detail: 'no' });
    const { code, err } = await crashing(refused, 'validate', ACME);
    expect(code).toBe(EXIT.invalid);
    expect(err).toContain('[jira] 401 on GET /myself');
    expect(err).not.toContain('bug in handoff');
  });

  it('nor is a file or network error of the machine (a Node system error)', async () => {
    const denied = Object.assign(new Error('EACCES: permission denied, open .handoff/locks'), { code: 'EACCES' });
    expect((await crashing(denied, 'validate', ACME)).code).toBe(EXIT.invalid);
  });
});
