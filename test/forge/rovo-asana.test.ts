import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_TEAM, DEMO_WORKSPACE, LOCAL_ASANA_OAUTH_TOKEN, type LocalAsana } from '../../emulators/asana/index';
import { accountIdFor, type LocalJira } from '../../emulators/jira/index';
import { handoffPageUrl } from '../../src/forge/automation/page-url';
import { createRovoActions } from '../../src/forge/rovo/actions';
import { ADMIN, createForgeApp, okValue } from './support/forge-harness';
import { exampleRecord } from './support/records';
import { useJiraAndAsana } from './support/jira-and-asana';
import { connectedAsanaAdmin } from './support/asana-user';

/**
 * The Rovo agent on a record provisioned in Asana: its answers cite each promise's Asana task (a
 * link that opens the task in Asana, its state from Asana), not a Jira issue of the same number.
 */
let jira: LocalJira;
let asana: LocalAsana;
useJiraAndAsana('rovo-asana', (local) => ({ jira, asana } = local));

const answer = z.object({
  matches: z.array(
    z.object({ id: z.string(), ticket: z.object({ key: z.string(), url: z.string(), status: z.string() }).nullable() }),
  ),
});

describe('Rovo on an Asana target', () => {
  it("cites the promise's Asana task, with its link and its state in Asana", async () => {
    const app = createForgeApp(jira, {
      overrides: {
        asanaAsUser: () => connectedAsanaAdmin(asana),
        asanaAsApp: () => ({ basePath: asana.url, tokenKind: 'oauth', token: LOCAL_ASANA_OAUTH_TOKEN }),
      },
    });
    okValue(
      await app.call('saveRecord', { record: exampleRecord('acme-onboarding', { id: 'rovo-asana' }) }),
      z.unknown(),
    );
    const target = { kind: 'asana', workspace: DEMO_WORKSPACE.gid, team: DEMO_TEAM.gid };
    okValue(await app.call('setProvisionTarget', { target }), z.unknown());
    okValue(await app.call('provision'), z.object({ mode: z.literal('inline') }));

    const actions = createRovoActions(app.deps, (site, key) =>
      handoffPageUrl(site, key, { appId: 'app-1', environmentId: 'env-1' }),
    );
    const chatting = { principal: { accountId: accountIdFor(ADMIN.email) } };
    const said = answer.parse(await actions.promises({ project: 'DEL', topic: 'SSO' }, chatting));
    const sso = said.matches.find((m) => m.id === 'sso');
    expect(sso?.ticket?.key).toMatch(/^\d+$/);
    expect(sso?.ticket?.url).toBe(`${new URL(asana.url).origin}/0/0/${sso?.ticket?.key}`);
    expect(sso?.ticket?.status).toBe('Open');
  });
});
