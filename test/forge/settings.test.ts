import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { accountIdFor, type LocalJira } from '../../emulators/jira/index';
import { ADMIN, MEMBER, closeJira, createForgeApp, errorOf, okValue, startJira } from './support/forge-harness';
import { createKickoffIssue, transition } from './support/jira-issues';
import { exampleRecord } from './support/records';

let jira: LocalJira;
beforeAll(async () => {
  jira = await startJira();
});
afterAll(() => closeJira(jira));

const force = z.object({ value: z.string().nullable(), from: z.string().nullable() });
const view = z.object({
  settings: z.object({
    kickoffIssue: z.string().nullable(),
    kickoffStatus: z.string().nullable(),
    approvalOwner: z.string().nullable(),
    dailyKickoffCheck: z.boolean(),
  }),
  canChange: z.boolean(),
  readOnlyWhy: z.string().nullable(),
  inForce: z.object({ kickoffIssue: force, kickoffStatus: force, approvalOwner: force }),
});
const labels = z.object({ fields: z.object({ labels: z.array(z.string()) }) });

describe('project settings page: per-project defaults only project admins change', () => {
  it('a member sees them read-only and why; saving as a member is refused; an admin saves them', async () => {
    const app = createForgeApp(jira);
    const asMember = okValue(await app.call('loadSettings', {}, { who: MEMBER }), view);
    expect(asMember).toMatchObject({
      settings: { kickoffIssue: null, kickoffStatus: null, approvalOwner: null, dailyKickoffCheck: true },
      canChange: false,
    });
    expect(asMember.readOnlyWhy).toContain('Only administrators of DEL may change its Handoff settings');
    const settings = {
      kickoffIssue: null,
      kickoffStatus: null,
      approvalOwner: MEMBER.email,
      dailyKickoffCheck: false,
    };
    expect(errorOf(await app.call('saveSettings', settings, { who: MEMBER }))).toMatchObject({ code: 'FORBIDDEN' });

    const saved = okValue(await app.call('saveSettings', settings), view);
    expect(saved).toMatchObject({ settings, canChange: true, readOnlyWhy: null });
    expect(okValue(await app.call('loadSettings', {}, { who: MEMBER }), view).settings).toEqual(settings);
    expect(errorOf(await app.call('saveSettings', { ...settings, approvalOwner: 'maria' }))).toMatchObject({
      code: 'BAD_REQUEST',
      path: 'approvalOwner',
    });
    expect(errorOf(await app.call('saveSettings', { ...settings, kickoffStatus: 'Kickoff' }))).toMatchObject({
      code: 'BAD_REQUEST',
      path: 'kickoffIssue',
    });
  });

  const whichWins =
    "the record's approval owner wins over the project's; the project's kickoff issue counts where the record has none";
  it(whichWins, async () => {
    const app = createForgeApp(jira);
    const issue = await createKickoffIssue(jira, 'Kickoff: settings');
    okValue(
      await app.call('saveRecord', {
        record: exampleRecord('acme-onboarding', { id: 'settings-wins' }),
      }),
      z.unknown(),
    );
    const settings = {
      kickoffIssue: issue.key,
      kickoffStatus: 'Kickoff',
      approvalOwner: MEMBER.email,
      dailyKickoffCheck: true,
    };
    const saved = okValue(await app.call('saveSettings', settings), view);
    expect(saved.inForce).toEqual({
      kickoffIssue: { value: issue.key, from: 'project' },
      kickoffStatus: { value: 'Kickoff', from: 'project' },
      approvalOwner: { value: 'priya.nair@vendor.example', from: 'record' },
    });
    // The kickoff issue is labelled, as a record's is, so the trigger's filter lets its moves through.
    const read = await fetch(`${jira.url}/rest/api/3/issue/${issue.key}?fields=labels`, {
      headers: { authorization: `Basic ${Buffer.from(`${ADMIN.email}:${ADMIN.apiToken}`).toString('base64')}` },
    });
    expect(labels.parse(await read.json()).fields.labels).toContain('handoff-kickoff');

    // The settings' kickoff issue reaching the settings' status kicks the record off.
    await app.kickoff(await transition(jira, issue, 'Kickoff', accountIdFor(ADMIN.email)));
    expect(app.pending).toHaveLength(1);
  });

  it('the daily kickoff-date check skips a project whose admin turned it off, and runs once it is on', async () => {
    const app = createForgeApp(jira);
    okValue(
      await app.call('saveRecord', {
        record: exampleRecord('acme-onboarding', { id: 'settings-daily', automation: { onKickoffDate: true } }),
      }),
      z.unknown(),
    );
    const off = { kickoffIssue: null, kickoffStatus: null, approvalOwner: null, dailyKickoffCheck: false };
    okValue(await app.call('saveSettings', off), view);
    app.clock.today = '2026-12-07';
    await app.scheduled();
    expect(app.pending).toEqual([]);

    okValue(await app.call('saveSettings', { ...off, dailyKickoffCheck: true }), view);
    await app.scheduled();
    expect(app.pending).toHaveLength(1);
  });
});

const targetView = z.object({
  name: z.string(),
  canChange: z.boolean(),
  readOnlyWhy: z.string().nullable(),
});

describe('project settings page, Asana connection: only project admins choose where records are provisioned', () => {
  it('a member reads the target read-only and why; their setProvisionTarget is refused; an admin sets it', async () => {
    const app = createForgeApp(jira);
    const asMember = okValue(await app.call('provisionTarget', {}, { who: MEMBER }), targetView);
    expect(asMember).toMatchObject({ name: 'DEL', canChange: false });
    expect(asMember.readOnlyWhy).toContain('Only administrators of DEL may change where its handoff records');

    const refused = errorOf(await app.call('setProvisionTarget', { target: { kind: 'jira' } }, { who: MEMBER }));
    expect(refused).toMatchObject({ code: 'FORBIDDEN' });
    expect(refused.message).toContain('Ask a project administrator');

    const asAdmin = okValue(await app.call('setProvisionTarget', { target: { kind: 'jira' } }), targetView);
    expect(asAdmin).toMatchObject({ canChange: true, readOnlyWhy: null });
  });
});
