import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_VIEWER, localApiToken } from '../../emulators/jira/index';
import { at, createIssues, doc, startTestJira, taskFields, type TestJira } from './local-jira-harness';

/**
 * What change control needs of the local Jira: comments with an
 * edit, history, a Change Request type and an Approved status.
 */
let t: TestJira;
beforeAll(async () => {
  t = await startTestJira();
});
afterAll(() => t.close());

const names = (list: unknown, key = 'name') => (Array.isArray(list) ? list.map((item) => at(item, key)) : []);
const MARIA = { email: 'maria.lopez@vendor.example', apiToken: localApiToken('maria.lopez@vendor.example') };

describe('edit with update.comment', () => {
  it('changes the fields and adds the comment in the one request (204)', async () => {
    const [key] = await createIssues(t, [{ fields: taskFields({ labels: ['handoff'] }) }]);
    const reply = await t.call('PUT', `/rest/api/3/issue/${key}`, {
      fields: { duedate: '2027-02-01' },
      update: { labels: [{ add: 'descoped' }], comment: [{ add: { body: doc('Descoped by change request CHG-1.') } }] },
    });
    expect(reply.status).toBe(204);
    const issue = await t.call('GET', `/rest/api/3/issue/${key}?fields=duedate,labels,comment`);
    expect(at(issue.body, 'fields', 'duedate')).toBe('2027-02-01');
    expect(at(issue.body, 'fields', 'labels')).toEqual(['handoff', 'descoped']);
    expect(at(issue.body, 'fields', 'comment', 'comments', 0, 'body')).toEqual(
      doc('Descoped by change request CHG-1.'),
    );
  });

  it('refuses the whole edit when the comment is not a document, changing nothing', async () => {
    const [key] = await createIssues(t, [{ fields: taskFields({ duedate: '2027-01-01' }) }]);
    const reply = await t.call('PUT', `/rest/api/3/issue/${key}`, {
      fields: { duedate: '2027-02-01' },
      update: { comment: [{ add: { body: 'plain text' } }] },
    });
    expect(reply).toMatchObject({ status: 400, body: { errors: { comment: 'Comment body is not valid!' } } });
    const issue = await t.call('GET', `/rest/api/3/issue/${key}?fields=duedate,comment`);
    expect(at(issue.body, 'fields', 'duedate')).toBe('2027-01-01');
    expect(at(issue.body, 'fields', 'comment', 'total')).toBe(0);
  });
});

describe('changelog', () => {
  it('lists who changed the status, assignee and due date, oldest first, a page at a time', async () => {
    const [key] = await createIssues(t, [{ fields: taskFields() }]);
    const assignee = at((await t.call('GET', '/rest/api/3/user/search?query=maria.lopez')).body, 0, 'accountId');
    await t.call('PUT', `/rest/api/3/issue/${key}`, {
      fields: { assignee: { accountId: assignee }, duedate: '2027-03-01' },
    });
    const done = at((await t.call('GET', `/rest/api/3/issue/${key}/transitions`)).body, 'transitions', 2, 'id');
    expect(
      (await t.call('POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: done } }, MARIA)).status,
    ).toBe(204);

    const log = await t.call('GET', `/rest/api/3/issue/${key}/changelog`);
    expect(log.status).toBe(200);
    expect(at(log.body, 'total')).toBe(2);
    expect(names(at(log.body, 'values', 0, 'items'), 'field')).toEqual(['assignee', 'duedate']);
    expect(at(log.body, 'values', 1)).toMatchObject({
      author: { emailAddress: MARIA.email },
      items: [{ field: 'status', fieldId: 'status', fieldtype: 'jira', fromString: 'To Do', toString: 'Done' }],
    });
    const second = await t.call('GET', `/rest/api/3/issue/${key}/changelog?startAt=1&maxResults=1`);
    expect(second.body).toMatchObject({ startAt: 1, maxResults: 1, total: 2, isLast: true });
    const first = await t.call('GET', `/rest/api/3/issue/${key}/changelog?maxResults=1`);
    expect(first.body).toMatchObject({ isLast: false, nextPage: expect.stringContaining('startAt=1') });
  });

  it('answers 404 for an issue the caller may not see', async () => {
    expect((await t.call('GET', '/rest/api/3/issue/DEL-99999/changelog')).status).toBe(404);
    const [key] = await createIssues(t, [{ fields: taskFields() }]);
    expect(
      (
        await t.call('GET', `/rest/api/3/issue/${key}/changelog`, undefined, {
          email: 'nobody@x.example',
          apiToken: 'x',
        })
      ).status,
    ).toBe(401);
    expect((await t.call('GET', `/rest/api/3/issue/${key}/changelog`, undefined, LOCAL_VIEWER)).status).toBe(200);
  });
});

describe('a project with a Change Request type', () => {
  it('offers Change Request in CHG only, and Approved only to change requests', async () => {
    expect(names(at((await t.call('GET', '/rest/api/3/issue/createmeta/CHG/issuetypes')).body, 'issueTypes'))).toEqual([
      'Epic',
      'Task',
      'Sub-task',
      'Change Request',
    ]);
    expect(names(at((await t.call('GET', '/rest/api/3/issue/createmeta/DEL/issuetypes')).body, 'issueTypes'))).toEqual([
      'Epic',
      'Task',
      'Sub-task',
    ]);
    const [request, task] = await createIssues(t, [
      {
        fields: { project: { key: 'CHG' }, issuetype: { name: 'Change Request' }, summary: 'Change request: move SSO' },
      },
      { fields: { project: { key: 'CHG' }, issuetype: { name: 'Task' }, summary: 'SSO' } },
    ]);
    expect(request).toBe('CHG-1');
    const offered = at((await t.call('GET', `/rest/api/3/issue/${request}/transitions`)).body, 'transitions');
    expect(names(offered)).toEqual(['In Progress', 'Kickoff', 'Done', 'Approved']);
    expect(at(Array.isArray(offered) ? offered.at(-1) : undefined, 'to', 'statusCategory', 'key')).toBe('done');
    expect(names(at((await t.call('GET', `/rest/api/3/issue/${task}/transitions`)).body, 'transitions'))).toEqual([
      'In Progress',
      'Kickoff',
      'Done',
    ]);
    const refused = await t.call('POST', '/rest/api/3/issue', {
      fields: taskFields({ issuetype: { name: 'Change Request' } }),
    });
    expect(refused).toMatchObject({
      status: 400,
      body: { errors: { issuetype: 'The issue type selected is invalid.' } },
    });
  });
});
