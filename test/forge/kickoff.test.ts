import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { accountIdFor, type LocalJira } from '../../emulators/jira/index';
import { ADMIN, createForgeApp, issuesOf, okValue, closeJira, startJira } from './support/forge-harness';
import { commentsOn, createKickoffIssue, transition } from './support/jira-issues';
import { exampleRecord } from './support/records';

const history = z.object({ history: z.array(z.object({ by: z.string(), action: z.string(), summary: z.string() })) });
const runStatus = z.object({
  run: z
    .object({
      state: z.string(),
      trigger: z.string(),
      outcome: z.object({ created: z.array(z.object({ key: z.string() })) }).nullable(),
    })
    .nullable(),
});

let jira: LocalJira;
beforeAll(async () => {
  jira = await startJira();
});
afterAll(() => closeJira(jira));

describe('kickoff trigger (avi:jira:updated:issue)', () => {
  const kickoffProvisions =
    'go: the kickoff issue reaching Kickoff provisions in the background and comments the outcome with links';
  it(kickoffProvisions, async () => {
    const app = createForgeApp(jira);
    const issue = await createKickoffIssue(jira, 'Kickoff: Acme');
    okValue(
      await app.call('saveRecord', {
        record: exampleRecord('acme-onboarding', {
          id: 'kickoff-go',
          automation: { kickoffIssue: issue.key, kickoffStatus: 'Kickoff' },
        }),
      }),
      z.unknown(),
    );

    await app.kickoff(await transition(jira, issue, 'Kickoff', accountIdFor(ADMIN.email)));
    expect(app.pending).toHaveLength(1);
    expect((await issuesOf(jira, 'kickoff-go')).size).toBe(0);
    await app.drainQueue();

    const issues = await issuesOf(jira, 'kickoff-go');
    expect(issues.size).toBe(9);
    const [comment, ...others] = await commentsOn(jira, issue.key);
    expect(others).toEqual([]);
    expect(comment?.text).toContain('Handoff provisioned');
    expect(comment?.text).toContain('9 issues created, 0 already there, 0 failed; 4 links created');
    expect(comment?.links.sort()).toEqual([...issues.values()].map(([key]) => `${jira.url}/browse/${key}`).sort());

    const status = okValue(await app.call('provisioningStatus'), runStatus);
    expect(status.run).toMatchObject({ state: 'done', trigger: 'kickoff-issue' });
    const actions = okValue(await app.call('loadRecord'), history).history.map((h) => [h.action, h.by]);
    expect(actions).toEqual([
      ['saved', accountIdFor(ADMIN.email)],
      ['provisioning-started', 'app'],
      ['provisioned', 'app'],
    ]);
  });

  it('not yet: the blockers are commented on the kickoff issue and nothing is created', async () => {
    const app = createForgeApp(jira);
    const issue = await createKickoffIssue(jira, 'Kickoff: Skylark');
    const record = exampleRecord('skylark-support-not-yet', {
      automation: { kickoffIssue: issue.key, kickoffStatus: 'Kickoff' },
    });
    okValue(await app.call('saveRecord', { record }), z.unknown());

    await app.kickoff(await transition(jira, issue, 'Kickoff', accountIdFor(ADMIN.email)));
    expect(app.pending).toEqual([]);
    expect((await issuesOf(jira, record.id)).size).toBe(0);
    const [comment] = await commentsOn(jira, issue.key);
    expect(comment?.text).toContain('Handoff: not yet.');
    expect(comment?.text).toContain('nothing was created');
    expect(comment?.text).toContain('signoffs.operations: ');
    expect(okValue(await app.call('loadRecord'), history).history.map((h) => h.action)).toEqual([
      'saved',
      'kickoff-not-yet',
    ]);
    expect(okValue(await app.call('provisioningStatus'), runStatus).run).toBeNull();
  });

  it('the daily check comments the same blockers once, not every day; changed blockers are commented', async () => {
    const app = createForgeApp(jira);
    const issue = await createKickoffIssue(jira, 'Kickoff: Skylark, daily');
    const record = exampleRecord('skylark-support-not-yet', {
      id: 'daily-not-yet',
      automation: { onKickoffDate: true, kickoffIssue: issue.key, kickoffStatus: 'Kickoff' },
    });
    okValue(await app.call('saveRecord', { record }), z.unknown());
    for (const day of ['2026-12-07', '2026-12-08', '2026-12-09']) {
      app.clock.today = day;
      await app.scheduled();
    }
    expect(await commentsOn(jira, issue.key)).toHaveLength(1);
    const notYet = async () =>
      okValue(await app.call('loadRecord'), history).history.filter((h) => h.action === 'kickoff-not-yet');
    expect(await notYet()).toHaveLength(1);

    // Delivery says ready: fewer blockers, so the next daily check says so, once.
    const delivery = { by: 'maria.lopez@vendor.example', at: '2026-12-09', status: 'ready' as const };
    const fewer = { ...record, signoffs: { ...record.signoffs, delivery } };
    okValue(await app.call('saveRecord', { record: fewer }), z.unknown());
    app.clock.today = '2026-12-10';
    await app.scheduled();
    await app.scheduled();
    expect(await commentsOn(jira, issue.key)).toHaveLength(2);
    expect(await notYet()).toHaveLength(2);
  });

  it('ignores other statuses, other issues, projects without a record and events it cannot read', async () => {
    const app = createForgeApp(jira);
    const issue = await createKickoffIssue(jira, 'Kickoff: Brightside');
    const other = await createKickoffIssue(jira, 'Not the kickoff issue');
    await app.kickoff(await transition(jira, issue, 'Kickoff', 'someone'));
    expect(app.pending).toEqual([]);

    okValue(
      await app.call('saveRecord', {
        record: exampleRecord('brightside-proofing', {
          id: 'kickoff-ignored',
          automation: { kickoffIssue: issue.key, kickoffStatus: 'Kickoff' },
        }),
      }),
      z.unknown(),
    );
    await app.kickoff(await transition(jira, issue, 'In Progress', 'someone'));
    await app.kickoff(await transition(jira, other, 'Kickoff', 'someone'));
    await app.kickoff({ issue: { key: 42 } });
    await app.kickoff(null);
    await app.kickoff({ issue: { key: '../x-1' }, changelog: { items: [{ field: 'status', toString: 'Kickoff' }] } });
    expect(app.pending).toEqual([]);
    expect(await commentsOn(jira, issue.key)).toEqual([]);
    expect(await commentsOn(jira, other.key)).toEqual([]);
    expect(app.logs).toEqual([]);
  });
});

describe('scheduled trigger (kickoff date)', () => {
  it('provisions once the kickoff day has come, comments on the kickoff issue, and never twice', async () => {
    const app = createForgeApp(jira);
    const issue = await createKickoffIssue(jira, 'Kickoff: Acme by date');
    okValue(
      await app.call('saveRecord', {
        record: exampleRecord('acme-onboarding', {
          id: 'kickoff-by-date',
          automation: { onKickoffDate: true, kickoffIssue: issue.key, kickoffStatus: 'Kickoff' },
        }),
      }),
      z.unknown(),
    );

    await app.scheduled();
    expect(app.pending).toEqual([]);

    app.clock.today = '2026-12-07';
    await app.scheduled();
    expect(app.pending).toHaveLength(1);
    await app.drainQueue();
    expect((await issuesOf(jira, 'kickoff-by-date')).size).toBe(9);
    expect(okValue(await app.call('provisioningStatus'), runStatus).run).toMatchObject({
      state: 'done',
      trigger: 'kickoff-date',
    });
    expect((await commentsOn(jira, issue.key)).map((c) => c.text)).toEqual([
      expect.stringContaining('Handoff provisioned'),
    ]);

    app.clock.today = '2026-12-08';
    await app.scheduled();
    expect(app.pending).toEqual([]);
  });

  it('leaves records without onKickoffDate alone', async () => {
    const app = createForgeApp(jira, { today: '2027-06-01' });
    okValue(
      await app.call('saveRecord', { record: exampleRecord('acme-onboarding', { id: 'no-date-automation' }) }),
      z.unknown(),
    );
    await app.scheduled();
    expect(app.pending).toEqual([]);
    expect(okValue(await app.call('provisioningStatus'), runStatus).run).toBeNull();
  });
});
