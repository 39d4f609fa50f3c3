import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { envSetter, TRACKER_ENV_KEYS } from '../../emulators/env';
import { failureOf } from '../../../src/cli/failure-output';
import { RateLimitedUntil } from '../../../src/provision/rate-limited';
import { TrackerError } from '../../../src/provision/tracker-error';
import { ACME, runCli } from './run-cli';

/**
 * Attack F16: under --json a failing command used to print nothing on stdout. Now stdout is
 * always one JSON document: the command's own (a record's problems, a gate's blockers) or
 * `{"error": {"kind", "message", "setting"?}}`; the exit codes are unchanged.
 */

const errorDocument = z.object({
  error: z
    .object({
      kind: z.string(),
      message: z.string().min(1),
      setting: z.string().optional(),
      until: z.string().optional(),
    })
    .strict(),
});

describe('attack F16: every failing command prints one JSON document under --json', () => {
  it('an unreadable file: usage (2), the path in the message', async () => {
    const result = await runCli('validate', 'no/such/file.yaml', '--json');
    expect(result.code).toBe(2);
    const { error } = errorDocument.parse(JSON.parse(result.out));
    expect(error).toMatchObject({ kind: 'usage', message: expect.stringMatching(/^cannot read no\/such\/file\.yaml/) });
  });

  it('a usage error commander finds (a missing argument, an unknown option): usage (2)', async () => {
    for (const argv of [
      ['provision', '--json'],
      ['validate', ACME, '--json', '--frobnicate'],
    ]) {
      const result = await runCli(...argv);
      expect(result.code).toBe(2);
      expect(errorDocument.parse(JSON.parse(result.out)).error.kind).toBe('usage');
    }
  });

  it('no tracker settings: usage (2), naming what to set; a malformed one names the variable', async () => {
    const setEnv = envSetter(TRACKER_ENV_KEYS);
    try {
      setEnv({});
      const none = await runCli('history', ACME, '--target', 'jira', '--json');
      expect(none.code).toBe(2);
      expect(errorDocument.parse(JSON.parse(none.out)).error.message).toMatch(/^which Jira\? set JIRA_BASE_URL/);
      setEnv({ JIRA_BASE_URL: 'https://acme.atlassian.net', JIRA_EMAIL: 'not-an-email', JIRA_API_TOKEN: 't' });
      const bad = await runCli('history', ACME, '--target', 'jira', '--json');
      expect(bad.code).toBe(2);
      expect(errorDocument.parse(JSON.parse(bad.out)).error).toMatchObject({ kind: 'settings', setting: 'JIRA_EMAIL' });
    } finally {
      setEnv({});
    }
  });

  it('an invalid record keeps its own document (the problems), not a second one', async () => {
    const result = await runCli('validate', 'package.json', '--json');
    expect(result.code).toBe(1);
    expect(z.object({ ok: z.literal(false), problems: z.array(z.unknown()) }).parse(JSON.parse(result.out)).ok).toBe(
      false,
    );
  });

  it('without --json nothing is printed on stdout for a failure', async () => {
    const result = await runCli('validate', 'no/such/file.yaml');
    expect([result.code, result.out]).toEqual([2, '']);
  });
});

describe('failureOf: the kinds a failure outside a target gets', () => {
  const now = Date.parse('2026-12-06T14:30:00Z');
  it('a rate-limit stop: exit 75, the sentence, and the minute to run again after', () => {
    const failure = failureOf(new RateLimitedUntil(now + 200_000, 'jira'), false, now);
    expect(failure.code).toBe(75);
    expect(failure.error).toEqual({
      kind: 'rate-limited',
      message: expect.stringMatching(/^Jira's rate limit stops this run until 14:34 UTC/),
      until: '2026-12-06T14:34:00.000Z',
    });
  });

  it('a tracker error no target explained: exit 1, kind tracker, never "unexpected"', () => {
    const error = new TrackerError({ tracker: 'jira', operation: 'GET /x', status: 400, detail: 'bad' });
    const failure = failureOf(error, false, now);
    expect([failure.code, failure.error.kind, failure.said]).toEqual([
      1,
      'tracker',
      'handoff: [jira] 400 on GET /x: bad',
    ]);
  });
});
