import { route } from '@forge/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jiraRequestVia } from '../../src/forge/jira/forge-jira';
import type { LocalJira } from '../../emulators/jira/index';
import {
  ADMIN,
  MEMBER,
  VIEWER,
  createForgeApp,
  errorOf,
  jiraAs,
  okValue,
  startJira,
  type Credentials,
  type ForgeApp,
} from '../forge/support/forge-harness';
import { exampleRecord } from '../forge/support/records';
import { RESOLVERS, VALID_PAYLOADS } from './support/resolvers';

/**
 * Using the Handoff page needs permission to create issues in the project. A caller without it
 * — the local Jira's viewer, who may browse DEL but not create — is refused FORBIDDEN by every
 * resolver, and nothing happens: no write to Jira, nothing stored, nothing queued.
 */

let jira: LocalJira;
let app: ForgeApp;
beforeAll(async () => {
  jira = await startJira();
  app = createForgeApp(jira);
  // A saved, go record: what a refused caller could otherwise gate, plan, sign off or provision.
  okValue(
    await app.call('saveRecord', { record: exampleRecord('acme-onboarding', { id: 'permissions-acme' }) }),
    z.unknown(),
  );
});
afterAll(async () => {
  const violations = jira.violations();
  await jira.close();
  expect(violations).toEqual([]);
});

/**
 * Calls `name` as `who` and returns the answer with what it made Jira do and what it changed in storage and the queue.
 */
async function callAs(name: (typeof RESOLVERS)[number], who: Credentials) {
  jira.resetStats();
  const stored = JSON.stringify(app.kvs.entries());
  const queued = app.pending.length;
  const response = await app.call(name, VALID_PAYLOADS[name], { who });
  return {
    response,
    requests: jira.stats().requests,
    storedChanged: JSON.stringify(app.kvs.entries()) !== stored,
    queued: app.pending.length - queued,
  };
}

describe('a caller without create-issue permission (the viewer)', () => {
  it.each(RESOLVERS)(
    '%s: FORBIDDEN, after one permission check, with nothing written, stored or queued',
    async (name) => {
      const { response, requests, storedChanged, queued } = await callAs(name, VIEWER);
      expect(errorOf(response)).toEqual({
        code: 'FORBIDDEN',
        message: 'You need permission to create issues in DEL to use Handoff there; ask a project admin.',
      });
      expect(requests).toEqual({ 'GET /rest/api/3/mypermissions': 1 });
      expect(storedChanged).toBe(false);
      expect(queued).toBe(0);
    },
  );

  it('gets nothing of the record either: the answer carries no value', async () => {
    const { response } = await callAs('loadRecord', VIEWER);
    expect(JSON.stringify(response)).not.toContain('permissions-acme');
  });
});

describe('a caller Jira does not know (its token is refused with 401)', () => {
  it('is FORBIDDEN too, by every resolver, and nothing is stored', async () => {
    const stranger = createForgeApp(jira, {
      overrides: { jiraAsUser: () => jiraAs(jira, { email: ADMIN.email, apiToken: 'not-a-token-jira-knows' }) },
    });
    for (const name of RESOLVERS) {
      expect(errorOf(await stranger.call(name, VALID_PAYLOADS[name])).code, name).toBe('FORBIDDEN');
    }
    expect(stranger.kvs.entries()).toEqual([]);
  });

  it('and Jira failing outright on the permission check is a tracker error, not a yes', async () => {
    const broken = createForgeApp(jira, {
      overrides: {
        jiraAsUser: () =>
          jiraRequestVia(async () => new Response('{"errorMessages":["down"]}', { status: 500 }), route),
      },
    });
    const error = errorOf(await broken.call('provision', {}));
    expect(error.code).toBe('TRACKER');
    expect(broken.kvs.entries()).toEqual([]);
  });
});

describe('a caller who may create issues (a member, not an admin)', () => {
  it('is let through by the same check', async () => {
    const { response, requests } = await callAs('plan', MEMBER);
    expect(okValue(response, z.object({ recordId: z.string() })).recordId).toBe('permissions-acme');
    expect(requests).toEqual({ 'GET /rest/api/3/mypermissions': 1 });
  });
});
