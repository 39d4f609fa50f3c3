import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jiraRequestVia } from '../../src/forge/jira/forge-jira';
import type { LocalJira } from '../../emulators/jira/index';
import { route } from '@forge/api';
import { ADMIN, MEMBER, VIEWER, createForgeApp, errorOf, okValue, startJira } from './support/forge-harness';
import { commentsOn, createKickoffIssue, transition } from './support/jira-issues';
import { exampleRecord, exampleText, largeRecord } from './support/records';

const SECRET = '2/1200000000000001/1209999999999999:0123456789abcdef0123456789abcdef';
/**
 * Every credential in play: a secret handed to the app's error mapper and the local Jira's API
 * tokens behind `requestJira`.
 */
const SECRETS = [SECRET, ADMIN.apiToken, VIEWER.apiToken, MEMBER.apiToken];

let jira: LocalJira;
beforeAll(async () => {
  jira = await startJira();
});
afterAll(async () => {
  await jira.close();
});

describe('secrets', () => {
  it('no resolver answer, stored value, comment or log line carries a secret — failures included', async () => {
    let failDay = false;
    const app = createForgeApp(jira, {
      secrets: [SECRET],
      overrides: {
        // A dependency that fails with the secret in its message: the answer must not repeat it.
        today: () => {
          if (failDay) throw new Error(`clock broke while holding ${SECRET}`);
          return '2026-12-01';
        },
      },
    });
    const issue = await createKickoffIssue(jira, 'Kickoff: secrets');
    okValue(await app.call('validateRecord', { text: exampleText('acme-onboarding') }), z.unknown());
    okValue(
      await app.call('saveRecord', {
        record: exampleRecord('acme-onboarding', {
          id: 'secrets-small',
          automation: { kickoffIssue: issue.key, kickoffStatus: 'Kickoff' },
        }),
      }),
      z.unknown(),
    );
    for (const name of ['loadRecord', 'gate', 'plan', 'provision', 'provisioningStatus'] as const)
      okValue(await app.call(name), z.unknown());
    okValue(await app.call('signOff', { role: 'delivery', status: 'ready' }, { who: MEMBER }), z.unknown());
    await app.kickoff(await transition(jira, issue, 'Kickoff', 'someone'));
    await app.drainQueue();
    expect(errorOf(await app.call('gate', {}, { who: VIEWER })).code).toBe('FORBIDDEN');
    expect(errorOf(await app.call('saveRecord', { text: `token: ${SECRET}` })).code).toBe('INVALID_RECORD');
    // A large run too, in an installation of its own: the project's record is provisioned now, and
    // another record is never saved over a provisioned one.
    const large = createForgeApp(jira, { secrets: [SECRET] });
    okValue(await large.call('saveRecord', { record: largeRecord('secrets-large', 120, 30) }), z.unknown());
    okValue(await large.call('provision'), z.unknown());
    await large.drainQueue();

    failDay = true;
    const internal = errorOf(await app.call('gate'));
    expect(internal).toEqual({ code: 'INTERNAL', message: expect.not.stringContaining('clock broke') });
    expect(app.logs.join('\n')).toContain('clock broke while holding [redacted]');

    const shown = JSON.stringify({
      responses: [...app.responses, ...large.responses],
      stored: [...app.kvs.entries(), ...large.kvs.entries()],
      comments: await commentsOn(jira, issue.key),
    });
    for (const secret of SECRETS)
      expect(
        [shown, ...app.logs, ...large.logs].some((text) => text.includes(secret)),
        `a secret leaked: ${secret.slice(0, 6)}…`,
      ).toBe(false);
    // Stack traces go to the app's log for an admin, never to a person.
    expect(/\bat [\w./-]+\.ts:\d+:\d+/.test(shown)).toBe(false);
  });

  it('a Jira error that echoes a secret is redacted before it reaches the answer', async () => {
    const app = createForgeApp(jira, {
      secrets: [SECRET],
      overrides: {
        jiraAsUser: () =>
          jiraRequestVia(async () => {
            throw new Error(`connection reset near ${SECRET}`);
          }, route),
      },
    });
    const error = errorOf(await app.call('loadRecord'));
    expect(error.code).toBe('TRACKER');
    expect(error.message).toContain('[redacted]');
    expect(error.message).not.toContain(SECRET);
  });
});
