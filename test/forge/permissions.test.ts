import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { accountIdFor, type LocalJira } from '../../emulators/jira/index';
import { PERMISSION_TTL_MS } from '../../src/forge/jira/permission-cache';
import {
  MEMBER,
  changeScheme,
  closeJira,
  createForgeApp,
  errorOf,
  issuesOf,
  okValue,
  startJira,
  type ForgeApp,
} from './support/forge-harness';
import { exampleRecord } from './support/records';
import { createKickoffIssue, transition } from './support/jira-issues';

let jira: LocalJira;
beforeAll(async () => {
  jira = await startJira();
});
afterAll(() => closeJira(jira));
// Each test takes from the scheme what it needs gone; the next one starts from the default scheme.
afterEach(async () => {
  const every = ['LINK_ISSUES', 'TRANSITION_ISSUES', 'SCHEDULE_ISSUES', 'ADD_COMMENTS'];
  await changeScheme(jira, { restore: every });
  await changeScheme(jira, { role: 'member', restore: every });
});

const MYPERMISSIONS = 'GET /rest/api/3/mypermissions';

/** The resolvers the panel calls when the page opens (static/panel/src: use-record, Handoff, use-provisioning). */
async function openPage(app: ForgeApp): Promise<void> {
  for (const name of ['loadRecord', 'gate', 'plan', 'provisioningStatus'] as const)
    okValue(await app.call(name, {}, { who: MEMBER }), z.unknown());
}

/** A member's record whose run goes to the queue (the inline limit is 0 items). */
async function queuedApp(id: string): Promise<ForgeApp> {
  const app = createForgeApp(jira, { limits: { inlineItems: 0 } });
  okValue(
    await app.call('saveRecord', { record: exampleRecord('acme-onboarding', { id }) }, { who: MEMBER }),
    z.unknown(),
  );
  return app;
}

describe('Jira points-based rate limits: one permission answer per person and project, kept a minute', () => {
  it('opening the page asks Jira mypermissions once, for every permission at once; again after 60 s', async () => {
    const app = await queuedApp('perm-open');
    jira.resetStats();
    await openPage(app);
    expect(jira.stats().requests[MYPERMISSIONS]).toBeUndefined(); // saving the record asked a moment ago
    app.clock.advance(PERMISSION_TTL_MS);
    await openPage(app);
    expect(jira.stats().requests[MYPERMISSIONS]).toBe(1);
  });

  it('an answer short of a full yes is not kept: an admin giving a permission back counts at once', async () => {
    const app = await queuedApp('perm-not-kept');
    await changeScheme(jira, { role: 'member', revoke: ['LINK_ISSUES'] });
    app.clock.advance(PERMISSION_TTL_MS);
    expect(errorOf(await app.call('provision', {}, { who: MEMBER })).code).toBe('FORBIDDEN');
    await changeScheme(jira, { role: 'member', restore: ['LINK_ISSUES'] });
    okValue(await app.call('provision', {}, { who: MEMBER }), z.object({ mode: z.literal('queued') }));
  });
});

describe('who acts: work bound for the queue is checked first, as the user and as the app', () => {
  it('a user without Link Issues is refused before anything is queued or written, naming it and where', async () => {
    const app = await queuedApp('perm-user');
    await changeScheme(jira, { role: 'member', revoke: ['LINK_ISSUES'] });
    app.clock.advance(PERMISSION_TTL_MS);
    expect(errorOf(await app.call('provision', {}, { who: MEMBER }))).toEqual({
      code: 'FORBIDDEN',
      message:
        'You need Link Issues in DEL to provision this record in the background; ask a project admin. ' +
        'Nothing was queued or written.',
    });
    expect(app.pending).toEqual([]);
    expect(app.kvs.entries().filter((e) => e.key.startsWith('journal:'))).toEqual([]);
    expect((await issuesOf(jira, 'perm-user')).size).toBe(0);
  });

  it('R12: the app account missing permissions in its role is refused up front, naming them and the role', async () => {
    const app = await queuedApp('perm-app');
    await changeScheme(jira, { revoke: ['LINK_ISSUES', 'SCHEDULE_ISSUES'] });
    expect(errorOf(await app.call('provision', {}, { who: MEMBER }))).toEqual({
      code: 'FORBIDDEN',
      message:
        "Handoff's app account needs Schedule Issues and Link Issues in DEL to provision this record in the " +
        "background: a Jira admin grants them to the atlassian-addons-project-access role in DEL's permission " +
        'scheme. Nothing was queued or written.',
    });
    expect(app.pending).toEqual([]);
    expect((await issuesOf(jira, 'perm-app')).size).toBe(0);

    // Given back, the run goes, and the queue — acting as the app's account — provisions it all.
    await changeScheme(jira, { restore: ['LINK_ISSUES', 'SCHEDULE_ISSUES'] });
    okValue(await app.call('provision', {}, { who: MEMBER }), z.object({ mode: z.literal('queued') }));
    await app.drainQueue();
    expect((await issuesOf(jira, 'perm-app')).size).toBe(9);
  });

  it('R12: an owner transfer the app may not carry out (no Add Comments) is refused before its job', async () => {
    const app = await queuedApp('perm-transfer');
    await changeScheme(jira, { revoke: ['ADD_COMMENTS'] });
    const transfer = { from: 'maria.lopez@vendor.example', to: 'sam.okafor@vendor.example' };
    expect(errorOf(await app.call('transferOwner', transfer, { who: MEMBER }))).toEqual({
      code: 'FORBIDDEN',
      message:
        "Handoff's app account needs Add Comments in DEL to move maria.lopez@vendor.example's open tickets to " +
        'sam.okafor@vendor.example: a Jira admin grants it to the atlassian-addons-project-access role in ' +
        "DEL's permission scheme. Nothing was queued or written.",
    });
    expect(app.pending).toEqual([]);
  });

  it('an inline run needs no such check: Jira itself refuses each write the caller may not make', async () => {
    const app = createForgeApp(jira);
    okValue(
      await app.call(
        'saveRecord',
        { record: exampleRecord('acme-onboarding', { id: 'perm-inline' }) },
        { who: MEMBER },
      ),
      z.unknown(),
    );
    await changeScheme(jira, { revoke: ['LINK_ISSUES'] });
    jira.resetStats();
    okValue(await app.call('provision', {}, { who: MEMBER }), z.object({ mode: z.literal('inline') }));
    expect(jira.stats().requests[MYPERMISSIONS]).toBeUndefined();
  });

  it('an approval is refused while the app may not transition issues: not approved, not queued', async () => {
    const app = createForgeApp(jira);
    const acme = exampleRecord('acme-onboarding');
    const record = exampleRecord('acme-onboarding', {
      id: 'perm-approve',
      people: { ...acme.people, 'approval-owner': MEMBER.email },
    });
    okValue(await app.call('saveRecord', { record }, { who: MEMBER }), z.unknown());
    okValue(await app.call('provision', {}, { who: MEMBER }), z.object({ mode: z.literal('inline') }));
    const proposed = { ...record, promises: (record.promises ?? []).map((p) => ({ ...p, title: `${p.title}.` })) };
    const { key } = okValue(
      await app.call('proposeChange', { record: proposed }, { who: MEMBER }),
      z.object({ key: z.string() }),
    );
    await changeScheme(jira, { revoke: ['TRANSITION_ISSUES'] });
    expect(errorOf(await app.call('approveChange', { key }, { who: MEMBER }))).toEqual({
      code: 'FORBIDDEN',
      message:
        `Handoff's app account needs Transition Issues in DEL to apply ${key} once it is approved: a Jira admin ` +
        "grants it to the atlassian-addons-project-access role in DEL's permission scheme. " +
        'Nothing was queued or written.',
    });
    expect(app.pending).toEqual([]);
    const changes = z.object({ changes: z.array(z.object({ key: z.string(), status: z.string() })) });
    const history = await app.settled(await app.call('changeHistory', {}, { who: MEMBER }), changes);
    expect(history.changes.find((c) => c.key === key)?.status).toBe('proposed');
  });

  it('R12: a kickoff the app may not carry out (no Add Comments) queues nothing; the history says why', async () => {
    const app = createForgeApp(jira);
    const issue = await createKickoffIssue(jira, 'Kickoff: permissions');
    const automation = { kickoffIssue: issue.key, kickoffStatus: 'Kickoff' };
    const record = exampleRecord('acme-onboarding', { id: 'perm-kickoff', automation });
    okValue(await app.call('saveRecord', { record }, { who: MEMBER }), z.unknown());
    await changeScheme(jira, { revoke: ['ADD_COMMENTS'] });
    await app.kickoff(await transition(jira, issue, 'Kickoff', accountIdFor(MEMBER.email)));
    expect(app.pending).toEqual([]);
    expect((await issuesOf(jira, 'perm-kickoff')).size).toBe(0);
    const history = z.object({ history: z.array(z.object({ action: z.string(), summary: z.string() })) });
    expect(okValue(await app.call('loadRecord', {}, { who: MEMBER }), history).history.at(-1)).toEqual({
      action: 'provisioning-failed',
      summary: expect.stringContaining(
        "Started by the kickoff issue reaching its status: Handoff's app account needs Add Comments in DEL",
      ),
    });
  });
});
