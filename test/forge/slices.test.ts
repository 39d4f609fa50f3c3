import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { accountIdFor, type LocalJira } from '../../emulators/jira/index';
import type { JiraRequest } from '../../src/trackers/jira/jira-request';
import { ADMIN, createForgeApp, issuesOf, jiraAs, okValue, startJira } from './support/forge-harness';
import { commentsOn, createKickoffIssue, transition } from './support/jira-issues';
import { exampleRecord, largeRecord } from './support/records';

const status = z.object({
  run: z
    .object({
      state: z.string(),
      slices: z.number(),
      error: z.string().nullable(),
      outcome: z
        .object({
          created: z.array(z.unknown()),
          failed: z.array(z.unknown()),
          links: z.object({ created: z.number() }),
        })
        .nullable(),
    })
    .nullable(),
  running: z.boolean(),
});

let jira: LocalJira;
beforeAll(async () => {
  jira = await startJira();
});
afterEach(() => {
  jira.faults.update({ errorRate: 0, dropRate: 0, afterCommit: false });
});
afterAll(async () => {
  const violations = jira.violations();
  await jira.close();
  expect(violations).toEqual([]);
});

/** Every planned item exists exactly once. */
async function expectEachOnce(recordId: string, items: number) {
  const issues = await issuesOf(jira, recordId);
  expect(issues.size).toBe(items);
  expect([...issues.entries()].filter(([, keys]) => keys.length !== 1)).toEqual([]);
}

describe('background runs, slice by slice', () => {
  it('slices that may each send one request still end with every item and link exactly once', async () => {
    const app = createForgeApp(jira, { limits: { inlineItems: 0, sliceSoftMs: 0 } });
    okValue(
      await app.call('saveRecord', { record: exampleRecord('acme-onboarding', { id: 'one-write-slices' }) }),
      z.unknown(),
    );
    okValue(await app.call('provision'), z.unknown());
    expect(await app.drainQueue()).toBeGreaterThan(3);
    const { run } = okValue(await app.call('provisioningStatus'), status);
    expect(run).toMatchObject({ state: 'done', outcome: { failed: [], links: { created: 4 } } });
    expect(run?.outcome?.created).toHaveLength(9);
    await expectEachOnce('one-write-slices', 9);
  });

  it('Jira failing and losing responses mid-run (after the write took effect): still each item once', async () => {
    const app = createForgeApp(jira, { limits: { itemsPerSlice: 50 } });
    okValue(await app.call('saveRecord', { record: largeRecord('storm', 150, 20) }), z.unknown());
    okValue(await app.call('provision'), z.unknown());
    jira.faults.update({ errorRate: 0.15, dropRate: 0.05, afterCommit: true });
    expect(await app.drainQueue()).toBeGreaterThan(1);
    jira.faults.update({ errorRate: 0, dropRate: 0, afterCommit: false });
    const { run } = okValue(await app.call('provisioningStatus'), status);
    expect(run?.state).toBe('done');
    expect(run?.outcome?.failed).toEqual([]);
    await expectEachOnce('storm', 152);
  });

  const runThatCannotSend =
    'a run that cannot send a single request three slices in a row ends failed, says why, and frees the lock';
  it(runThatCannotSend, async () => {
    const app = createForgeApp(jira, { limits: { inlineItems: 0, sliceHardMs: 0 } });
    okValue(
      await app.call('saveRecord', { record: exampleRecord('brightside-proofing', { id: 'never-writes' }) }),
      z.unknown(),
    );
    okValue(await app.call('provision'), z.unknown());
    expect(await app.drainQueue()).toBe(3);
    expect(app.pending).toEqual([]);
    const shown = okValue(await app.call('provisioningStatus'), status);
    expect(shown).toMatchObject({
      running: false,
      run: { state: 'failed', slices: 3, error: expect.stringContaining('rate limited') },
    });
    expect((await issuesOf(jira, 'never-writes')).size).toBe(0);
  });

  const searchRefused =
    'Jira refusing the search (400): ' + 'the run fails, the kickoff issue is told, the lock is freed';
  it(searchRefused, async () => {
    const admin = jiraAs(jira, ADMIN);
    const unindexed: JiraRequest = async (path, init) =>
      path.text.startsWith('/rest/api/3/search/jql')
        ? new Response(
            JSON.stringify({
              errorMessages: [
                "Field 'issue.property[handoff].recordId' does not exist or you do not have permission to view it.",
              ],
            }),
            { status: 400 },
          )
        : admin(path, init);
    const app = createForgeApp(jira, { overrides: { jiraAsApp: () => unindexed } });
    const issue = await createKickoffIssue(jira, 'Kickoff: unindexed site');
    okValue(
      await app.call('saveRecord', {
        record: exampleRecord('brightside-proofing', {
          id: 'unindexed',
          automation: { kickoffIssue: issue.key, kickoffStatus: 'Kickoff' },
        }),
      }),
      z.unknown(),
    );
    await app.kickoff(await transition(jira, issue, 'Kickoff', accountIdFor(ADMIN.email)));
    await app.drainQueue();
    const shown = okValue(await app.call('provisioningStatus'), status);
    expect(shown).toMatchObject({
      running: false,
      run: {
        state: 'failed',
        error: expect.stringMatching(
          /^\[jira\] 400 on POST \/rest\/api\/3\/search\/jql: Field 'issue.property\[handoff\]/,
        ),
      },
    });
    const comments = await commentsOn(jira, issue.key);
    expect(comments.map((c) => c.text)).toEqual([expect.stringContaining('Handoff could not finish provisioning')]);
    expect(comments[0]?.text).toContain('400 on POST /rest/api/3/search/jql');
    // The lock is free: the user may provision (inline, as themselves, with the real search).
    expect(okValue(await app.call('provision'), z.object({ mode: z.string() })).mode).toBe('inline');
  });

  it('every request failing with 5xx: retries run out, the run ends failed and frees the lock', async () => {
    const app = createForgeApp(jira, { limits: { inlineItems: 0 } });
    okValue(
      await app.call('saveRecord', { record: exampleRecord('brightside-proofing', { id: 'jira-down' }) }),
      z.unknown(),
    );
    okValue(await app.call('provision'), z.unknown());
    jira.faults.update({ errorRate: 1 });
    await app.drainQueue();
    jira.faults.update({ errorRate: 0 });
    expect(okValue(await app.call('provisioningStatus'), status)).toMatchObject({
      running: false,
      run: { state: 'failed', error: expect.stringMatching(/^\[jira\] 50\d on /) },
    });
  });

  it('a record changed while its run waits in the queue: the run stops and says to provision again', async () => {
    const app = createForgeApp(jira, { limits: { inlineItems: 0 } });
    okValue(
      await app.call('saveRecord', { record: exampleRecord('brightside-proofing', { id: 'changed-midway' }) }),
      z.unknown(),
    );
    okValue(await app.call('provision'), z.unknown());
    okValue(
      await app.call('saveRecord', {
        record: exampleRecord('brightside-proofing', { id: 'changed-midway', title: 'Brightside proofing, renamed' }),
      }),
      z.unknown(),
    );
    await app.drainQueue();
    const shown = okValue(await app.call('provisioningStatus'), status);
    expect(shown).toMatchObject({
      running: false,
      run: { state: 'failed', error: expect.stringContaining('changed while it was being provisioned') },
    });
    expect((await issuesOf(jira, 'changed-midway')).size).toBe(0);
  });
});
