import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEAVER, PRIVATE_PERSON, accountIdFor, localApiToken } from '../../emulators/jira/index';
import { at, startTestJira, type TestJira } from './local-jira-harness';

/**
 * People as Jira Cloud shows them: a hidden e-mail is absent for everyone but its owner, and
 * someone deactivated is neither assignable nor found, yet still the assignee of their issues.
 */

let t: TestJira;
beforeAll(async () => {
  t = await startTestJira();
});
afterAll(() => t.close());

const owen = accountIdFor(PRIVATE_PERSON);
const kai = accountIdFor(LEAVER.email);
const asOwen = { email: PRIVATE_PERSON, apiToken: localApiToken(PRIVATE_PERSON) };
const accountIds = (body: unknown) => (Array.isArray(body) ? body.map((u) => at(u, 'accountId')) : []);

describe('a hidden e-mail', () => {
  it('is absent from the user for anyone else, and shown to the person themselves', async () => {
    const seen = await t.call('GET', `/rest/api/3/user?accountId=${encodeURIComponent(owen)}`);
    expect(seen.status).toBe(200);
    expect(at(seen.body, 'displayName')).toBe('Owen Hughes');
    expect(seen.body).not.toHaveProperty('emailAddress');
    expect(at((await t.call('GET', '/rest/api/3/myself', undefined, asOwen)).body, 'emailAddress')).toBe(
      PRIVATE_PERSON,
    );
  });

  it('is absent where the person appears on an issue, unless they look themselves', async () => {
    const created = await t.call('POST', '/rest/api/3/issue', {
      fields: {
        project: { key: 'DEL' },
        issuetype: { name: 'Task' },
        summary: 'Referral form',
        assignee: { accountId: owen },
      },
    });
    expect(created.status).toBe(201);
    const key = String(at(created.body, 'key'));
    const byAdmin = await t.call('GET', `/rest/api/3/issue/${key}?fields=assignee`);
    expect(at(byAdmin.body, 'fields', 'assignee', 'accountId')).toBe(owen);
    expect(at(byAdmin.body, 'fields', 'assignee')).not.toHaveProperty('emailAddress');
    const byOwen = await t.call('GET', `/rest/api/3/issue/${key}?fields=assignee`, undefined, asOwen);
    expect(at(byOwen.body, 'fields', 'assignee', 'emailAddress')).toBe(PRIVATE_PERSON);
  });

  it('matches a search on the whole address only, and the answer still leaves it out', async () => {
    const exact = await t.call('GET', `/rest/api/3/user/assignable/search?project=DEL&query=${PRIVATE_PERSON}`);
    expect(accountIds(exact.body)).toEqual([owen]);
    expect(at(exact.body, 0)).not.toHaveProperty('emailAddress');
    expect(accountIds((await t.call('GET', `/rest/api/3/user/search?query=${PRIVATE_PERSON}`)).body)).toEqual([owen]);
    // A prefix of a hidden address finds nobody (the name still does).
    expect((await t.call('GET', '/rest/api/3/user/search?query=owen.hughes@west')).body).toEqual([]);
    expect(accountIds((await t.call('GET', '/rest/api/3/user/search?query=hughes')).body)).toEqual([owen]);
  });
});

describe('someone deactivated', () => {
  it('is found by account id, inactive and without their hidden e-mail, but by no search', async () => {
    const user = await t.call('GET', `/rest/api/3/user?accountId=${encodeURIComponent(kai)}`);
    expect(at(user.body, 'active')).toBe(false);
    expect(user.body).not.toHaveProperty('emailAddress');
    for (const query of [LEAVER.email, 'kai']) {
      expect((await t.call('GET', `/rest/api/3/user/search?query=${query}`)).body).toEqual([]);
      const path = `/rest/api/3/user/assignable/search?project=DEL&query=${query}`;
      expect((await t.call('GET', path)).body).toEqual([]);
    }
  });

  it('who leaves after work was assigned stays its inactive, hidden assignee, assignable no more', async () => {
    const person = 'sam.okafor@vendor.example';
    const account = accountIdFor(person);
    const created = await t.call('POST', '/rest/api/3/issue', {
      fields: {
        project: { key: 'DEL' },
        issuetype: { name: 'Task' },
        summary: 'Handover notes',
        assignee: { accountId: account },
      },
    });
    const key = String(at(created.body, 'key'));
    const retired = await fetch(`${t.jira.url}/__emulator/users`, {
      method: 'POST',
      body: JSON.stringify({ email: person, active: false, emailHidden: true }),
    });
    expect(retired.status).toBe(200);
    const issue = await t.call('GET', `/rest/api/3/issue/${key}?fields=assignee`);
    expect(at(issue.body, 'fields', 'assignee', 'accountId')).toBe(account);
    expect(at(issue.body, 'fields', 'assignee', 'active')).toBe(false);
    expect(at(issue.body, 'fields', 'assignee')).not.toHaveProperty('emailAddress');
    expect((await t.call('PUT', `/rest/api/3/issue/${key}/assignee`, { accountId: account })).status).toBe(400);
    const path = `/rest/api/3/user/assignable/search?project=DEL&query=${person}`;
    expect((await t.call('GET', path)).body).toEqual([]);
  });

  it('cannot sign in', async () => {
    const me = await t.call('GET', '/rest/api/3/myself', undefined, {
      email: LEAVER.email,
      apiToken: localApiToken(LEAVER.email),
    });
    expect(me.status).toBe(401);
  });
});
