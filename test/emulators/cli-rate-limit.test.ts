import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LOCAL_ADMIN, startLocalJira, type LocalJira } from '../../emulators/jira/index';
import { runCli, ACME } from '../unit/cli/run-cli';
import { envSetter } from './env';

const setEnv = envSetter(['JIRA_BASE_URL', 'JIRA_EMAIL', 'JIRA_API_TOKEN', 'JIRA_PROJECT_KEY']);
const SENTENCE =
  /^Jira's rate limit stops this run until \d\d:\d\d UTC; nothing is lost — run the same command again after that$/m;

describe('handoff provision when Jira’s rate limit resets later than the run may wait', () => {
  let jira: LocalJira;
  beforeAll(async () => {
    // A budget that runs out a few requests in and comes back in an hour: longer than the CLI waits (120 s).
    jira = await startLocalJira({
      dataDir: mkdtempSync(join(tmpdir(), 'handoff-cli-limit-')),
      fresh: true,
      validate: 'strict',
      faults: { rateLimit: { budget: 8, windowMs: 3_600_000 } },
    });
    setEnv({
      JIRA_BASE_URL: jira.url,
      JIRA_EMAIL: LOCAL_ADMIN.email,
      JIRA_API_TOKEN: LOCAL_ADMIN.apiToken,
      JIRA_PROJECT_KEY: 'DEL',
    });
  });
  afterAll(async () => {
    setEnv({});
    expect(jira.violations()).toEqual([]);
    await jira.close();
  });

  it('stops with exit 75 and one sentence (or it as JSON); the same command after the reset finishes', async () => {
    const stopped = await runCli('provision', ACME, '--target', 'jira', '--today', '2026-12-01');
    expect(stopped.code).toBe(75);
    expect(stopped.err).toMatch(SENTENCE);
    expect(stopped.out).not.toMatch(/failed/);

    const asJson = await runCli('provision', ACME, '--target', 'jira', '--today', '2026-12-01', '--json');
    expect(asJson.code).toBe(75);
    const body = z
      .object({ rateLimited: z.object({ tracker: z.literal('jira'), until: z.iso.datetime() }), message: z.string() })
      .parse(JSON.parse(asJson.out));
    expect(body.message).toMatch(SENTENCE);
    expect(Date.parse(body.rateLimited.until)).toBeGreaterThan(Date.now() + 3_000_000);

    jira.faults.update({ rateLimit: null }); // the hour has passed
    const finished = await runCli('provision', ACME, '--target', 'jira', '--today', '2026-12-01', '--json');
    expect(finished.code).toBe(0);
    const report = z
      .object({
        created: z.array(z.object({ key: z.string() })),
        existing: z.array(z.object({ key: z.string() })),
        failed: z.array(z.unknown()),
        links: z.object({ created: z.number(), existing: z.number(), failed: z.array(z.unknown()) }),
      })
      .parse(JSON.parse(finished.out));
    expect(report.failed).toEqual([]);
    expect(report.created.length + report.existing.length).toBe(9);
    expect(report.links.created + report.links.existing).toBe(4);
  });
});
