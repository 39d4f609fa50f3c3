import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ADMIN, LOCAL_VIEWER, accountIdFor } from '../../emulators/jira/index';
import { at, createIssues, startTestJira, taskFields, type Credentials, type TestJira } from './local-jira-harness';

let t: TestJira;
let epic = '';
let keys: string[] = [];
const maria = accountIdFor('maria.lopez@vendor.example');

beforeAll(async () => {
  // A site with the Forge app, whose index makes issue.property[handoff] searchable (jira-property-index.test.ts).
  // This file is about JQL itself, not the search lag (jira-faults.test.ts is): it reads a caught-up index.
  t = await startTestJira({ appInstalled: true, faults: { searchLagMs: 0 } });
  [epic = ''] = await createIssues(t, [
    { fields: taskFields({ issuetype: { name: 'Epic' }, summary: 'Acme onboarding', labels: ['acme'] }) },
  ]);
  keys = await createIssues(t, [
    {
      fields: taskFields({
        summary: 'SSO',
        labels: ['acme', 'sso'],
        assignee: { accountId: maria },
        parent: { key: epic },
        duedate: '2026-12-21',
      }),
      properties: [{ key: 'handoff', value: { recordId: 'acme', itemId: 'sso', planHash: 'p1' } }],
    },
    {
      fields: taskFields({ summary: 'Import', labels: ['acme'], parent: { key: epic }, duedate: '2027-01-20' }),
      properties: [{ key: 'handoff', value: { recordId: 'acme', itemId: 'import', planHash: 'p1' } }],
    },
    {
      fields: taskFields({ summary: 'Training', labels: ['globex'], duedate: '2026-12-30' }),
      properties: [{ key: 'handoff', value: { recordId: 'globex', itemId: 'training', planHash: 'p2' } }],
    },
  ]);
});
afterAll(() => t.close());

async function search(jql: string, extra: Record<string, unknown> = {}, who: Credentials = LOCAL_ADMIN) {
  const reply = await t.call(
    'POST',
    '/rest/api/3/search/jql',
    { jql, fields: ['summary'], maxResults: 100, ...extra },
    who,
  );
  const issues = at(reply.body, 'issues');
  return { reply, keys: Array.isArray(issues) ? issues.map((issue) => at(issue, 'key')) : [] };
}
const found = async (jql: string) => (await search(jql)).keys.sort();

describe('JQL operators and fields', () => {
  it.each([
    ['project = DEL AND labels = sso', () => [keys[0]]],
    ['labels = acme AND issuetype = Task', () => [keys[0], keys[1]]],
    ['project = DEL AND labels != acme', () => [keys[2]]],
    ['labels IN (sso, globex)', () => [keys[0], keys[2]]],
    ['project = DEL AND labels NOT IN (acme)', () => [keys[2]]],
    ['labels = sso OR (labels = globex AND status = "To Do")', () => [keys[0], keys[2]]],
    ['project = DEL AND NOT labels = acme', () => [keys[2]]],
    [`assignee = "${maria}"`, () => [keys[0]]],
    ['assignee = "maria.lopez@vendor.example"', () => [keys[0]]],
    ['project = DEL AND assignee IS EMPTY AND issuetype = Task', () => [keys[1], keys[2]]],
    ['parent = EPIC', () => [keys[0], keys[1]]],
    ['project = DEL AND issuetype = Epic', () => [epic]],
    ['key = KEY0', () => [keys[0]]],
    ['issuekey IN (KEY0, KEY2)', () => [keys[0], keys[2]]],
    ['project = delivery AND status != Done AND labels = sso', () => [keys[0]]],
  ])('%s', async (jql, expected) => {
    const named = jql.replace('EPIC', epic).replace('KEY0', String(keys[0])).replace('KEY2', String(keys[2]));
    expect(await found(named)).toEqual(expected().sort());
  });

  it('finds issues by an indexed entity property', async () => {
    expect(await found('issue.property[handoff].recordId = acme')).toEqual([keys[0], keys[1]].sort());
    expect(await found('project = DEL AND issue.property[handoff].itemId = "training"')).toEqual([keys[2]]);
    expect(await found('issue.property[handoff].planHash IN (p2)')).toEqual([keys[2]]);
  });

  it('refuses unknown fields with 400', async () => {
    const { reply } = await search('nosuchfield = x');
    expect(reply.status).toBe(400);
    expect(at(reply.body, 'errorMessages')).toEqual([
      "Field 'nosuchfield' does not exist or you do not have permission to view it.",
    ]);
  });

  it('finds nothing, without an error, for a property key or path the app does not index', async () => {
    for (const jql of ['issue.property[handoff].secret = p1', 'issue.property[other].recordId = acme']) {
      const { reply, keys: none } = await search(jql);
      expect(reply.status).toBe(200);
      expect(none).toEqual([]);
    }
  });

  it('sorts with ORDER BY, and newest first without it', async () => {
    // As on Jira, an empty due date sorts as the greatest: first when descending.
    expect((await search('labels = acme ORDER BY duedate DESC')).keys).toEqual([epic, keys[1], keys[0]]);
    expect((await search('labels = acme ORDER BY duedate')).keys).toEqual([keys[0], keys[1], epic]);
    expect((await search('labels = acme ORDER BY key ASC')).keys).toEqual([epic, keys[0], keys[1]]);
    expect((await search('labels in (acme, globex)')).keys).toEqual([keys[2], keys[1], keys[0], epic]);
  });

  it('finds what the caller may see: the viewer searches DEL too', async () => {
    expect((await search('labels = globex', {}, LOCAL_VIEWER)).keys).toEqual([keys[2]]);
  });

  it('answers the GET form the same way', async () => {
    const reply = await t.call(
      'GET',
      `/rest/api/3/search/jql?jql=${encodeURIComponent('labels = sso')}&fields=summary,labels&properties=handoff`,
    );
    expect(at(reply.body, 'issues', 0)).toMatchObject({
      key: keys[0],
      fields: { summary: 'SSO', labels: ['acme', 'sso'] },
      properties: { handoff: { itemId: 'sso' } },
    });
  });

  it('returns only ids by default', async () => {
    const reply = await t.call('POST', '/rest/api/3/search/jql', { jql: 'labels = sso' });
    expect(reply.body).toEqual({ issues: [{ id: expect.stringMatching(/^\d+$/) }], isLast: true });
  });
});

describe('JQL errors, in Jira’s words', () => {
  it.each([
    [
      'project = DEL status = Done',
      "Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'status'. (line 1, character 15)",
    ],
    ['(project = DEL', "Error in the JQL Query: Expecting ')' before the end of the query."],
    [
      'summary = "unclosed',
      "Error in the JQL Query: The quoted string 'unclosed' has not been completed. (line 1, character 11)",
    ],
    ['project = DEL AND', 'Error in the JQL Query: Expecting a field name at the end of the query.'],
    ['project =', 'Error in JQL Query: Expecting either a value, list or function before the end of the query.'],
    ['ORDER BY key', 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.'],
    ['', 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.'],
    ['project = DEL ORDER BY priority', "Not able to sort using field 'priority'."],
    ['assignee = nobody()', "Unable to find JQL function 'nobody()'."],
  ])('%j', async (jql, message) => {
    const { reply } = await search(jql);
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ errorMessages: [message], errors: {} });
  });

  it('keeps maxResults between 1 and 5000', async () => {
    for (const maxResults of [0, 5001]) {
      const { reply } = await search('project = DEL', { maxResults });
      expect(reply.body).toEqual({
        errorMessages: ['The max results parameter has to be between 1 and 5,000.'],
        errors: {},
      });
    }
  });
});

describe('pagination with nextPageToken', () => {
  it('walks 120 issues page by page, each exactly once, the last page marked isLast', async () => {
    const batch = await createIssues(
      t,
      Array.from({ length: 120 }, (_, i) => ({ fields: taskFields({ summary: `page item ${i}`, labels: ['paged'] }) })),
    );
    const seen: unknown[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const reply = await t.call('POST', '/rest/api/3/search/jql', {
        jql: 'labels = paged ORDER BY key ASC',
        fields: ['summary'],
        maxResults: 50,
        ...(token ? { nextPageToken: token } : {}),
      });
      expect(reply.status).toBe(200);
      const issues = at(reply.body, 'issues');
      seen.push(...(Array.isArray(issues) ? issues.map((issue) => at(issue, 'key')) : []));
      const next = at(reply.body, 'nextPageToken');
      token = typeof next === 'string' ? next : undefined;
      expect(at(reply.body, 'isLast')).toBe(token === undefined);
      pages += 1;
    } while (token);
    expect(pages).toBe(3);
    expect(seen).toEqual(batch);
  });

  it('caps a page at 100 issues when fields are asked for, and allows 5000 ids', async () => {
    const withFields = await search('labels = paged', { maxResults: 5000 });
    expect(withFields.keys).toHaveLength(100);
    expect(at(withFields.reply.body, 'isLast')).toBe(false);
    const idsOnly = await t.call('POST', '/rest/api/3/search/jql', { jql: 'labels = paged', maxResults: 5000 });
    expect(Object(at(idsOnly.body, 'issues')).length).toBe(120);
    expect(at(idsOnly.body, 'isLast')).toBe(true);
  });

  it('refuses a token made for another query, or made up', async () => {
    const first = await t.call('POST', '/rest/api/3/search/jql', { jql: 'labels = paged', maxResults: 10 });
    const token = String(at(first.body, 'nextPageToken'));
    for (const [jql, nextPageToken] of [
      ['labels = acme', token],
      ['labels = paged', 'not-a-token'],
    ]) {
      const reply = await t.call('POST', '/rest/api/3/search/jql', { jql, nextPageToken });
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual({
        errorMessages: ['The provided next page token is invalid or expired.'],
        errors: {},
      });
    }
  });
});
