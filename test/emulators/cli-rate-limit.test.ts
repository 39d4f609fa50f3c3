import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runCli, ACME } from '../unit/cli/run-cli';
import { cliJiraSite } from './cli-jira-site';

const SENTENCE =
  /^Jira's rate limit stops this run until \d\d:\d\d UTC; nothing is lost — run the same command again after that$/m;

describe('handoff provision when Jira’s rate limit resets later than the run may wait', () => {
  // A budget that runs out a few requests in and comes back in an hour: longer than the CLI waits (120 s).
  const site = cliJiraSite({ faults: { rateLimit: { budget: 8, windowMs: 3_600_000 } } });

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

    site.jira.faults.update({ rateLimit: null }); // the hour has passed
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
