import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, createIssues, doc, startTestJira, taskFields, type TestJira } from './local-jira-harness';

let t: TestJira;
beforeAll(async () => {
  // This file is about workflows, not the search lag (jira-faults.test.ts is): it reads a caught-up index.
  t = await startTestJira({ faults: { searchLagMs: 0 } });
});
afterAll(() => t.close());

describe('comments', () => {
  it('adds ADF comments (201) and lists them oldest first, with author', async () => {
    const [key] = await createIssues(t, [{ fields: taskFields() }]);
    const first = await t.call('POST', `/rest/api/3/issue/${key}/comment`, {
      body: doc('Blocked by the security review.'),
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      id: expect.stringMatching(/^\d+$/),
      body: doc('Blocked by the security review.'),
      author: { emailAddress: 'admin@handoff.local' },
    });
    await t.call('POST', `/rest/api/3/issue/${key}/comment`, { body: doc('Unblocked.') });
    const page = await t.call('GET', `/rest/api/3/issue/${key}/comment`);
    expect(at(page.body, 'total')).toBe(2);
    expect(at(page.body, 'comments', 1, 'body')).toEqual(doc('Unblocked.'));
    const newest = await t.call('GET', `/rest/api/3/issue/${key}/comment?orderBy=-created&maxResults=1`);
    expect(at(newest.body, 'comments', 0, 'body')).toEqual(doc('Unblocked.'));
    expect(
      at((await t.call('GET', `/rest/api/3/issue/${key}?fields=comment`)).body, 'fields', 'comment', 'total'),
    ).toBe(2);
  });

  it('refuses a plain-text or missing body as Jira does', async () => {
    const [key] = await createIssues(t, [{ fields: taskFields() }]);
    expect((await t.call('POST', `/rest/api/3/issue/${key}/comment`, { body: 'plain' })).body).toEqual({
      errorMessages: [],
      errors: { comment: 'Comment body is not valid!' },
    });
    expect((await t.call('POST', `/rest/api/3/issue/${key}/comment`, {})).body).toEqual({
      errorMessages: [],
      errors: { comment: 'Comment body can not be empty!' },
    });
  });
});

describe('transitions', () => {
  it('offers every other status and moves the issue (204)', async () => {
    const [key] = await createIssues(t, [{ fields: taskFields() }]);
    const offered = await t.call('GET', `/rest/api/3/issue/${key}/transitions`);
    const transitions = at(offered.body, 'transitions');
    const names = Array.isArray(transitions) ? transitions.map((tr) => at(tr, 'name')) : [];
    expect(names).toEqual(['In Progress', 'Kickoff', 'Done']);
    const kickoff = Array.isArray(transitions) ? transitions.find((tr) => at(tr, 'name') === 'Kickoff') : undefined;
    expect(at(kickoff, 'to', 'statusCategory', 'key')).toBe('indeterminate');

    expect(
      (await t.call('POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: String(at(kickoff, 'id')) } }))
        .status,
    ).toBe(204);
    expect(at((await t.call('GET', `/rest/api/3/issue/${key}?fields=status`)).body, 'fields', 'status', 'name')).toBe(
      'Kickoff',
    );
    const found = await t.call('POST', '/rest/api/3/search/jql', { jql: `status = Kickoff AND key = ${key}` });
    expect(Object(at(found.body, 'issues')).length).toBe(1);

    const back = await t.call('GET', `/rest/api/3/issue/${key}/transitions`);
    const again = at(back.body, 'transitions');
    expect(Array.isArray(again) && again.map((tr) => at(tr, 'name'))).toEqual(['To Do', 'In Progress', 'Done']);
  });

  it('adds a comment given with a transition, which needs no screen (fields do: see jira-screens)', async () => {
    const [key] = await createIssues(t, [{ fields: taskFields() }]);
    await t.call('POST', `/rest/api/3/issue/${key}/transitions`, {
      transition: { id: '41' },
      update: { comment: [{ add: { body: doc('Closed by the app.') } }] },
    });
    expect(at((await t.call('GET', `/rest/api/3/issue/${key}?fields=status,comment`)).body, 'fields')).toMatchObject({
      status: { name: 'Done' },
      comment: { total: 1 },
    });
  });

  it('refuses a missing or unknown transition with 400', async () => {
    const [key] = await createIssues(t, [{ fields: taskFields() }]);
    expect((await t.call('POST', `/rest/api/3/issue/${key}/transitions`, {})).body).toEqual({
      errorMessages: ["Missing 'transition' identifier"],
      errors: {},
    });
    expect((await t.call('POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: '11' } })).body).toEqual({
      errorMessages: ["Transition id '11' is not valid for this issue."],
      errors: {},
    });
  });
});

describe('the browse page', () => {
  it('shows an issue with its status, assignee, due date, labels and links', async () => {
    const [blocker, blocked] = await createIssues(t, [
      { fields: taskFields({ summary: 'Export <history>', labels: ['acme'], duedate: '2027-01-12' }) },
      { fields: taskFields({ summary: 'Import history' }) },
    ]);
    await t.call('POST', '/rest/api/3/issueLink', {
      type: { name: 'Blocks' },
      inwardIssue: { key: blocker },
      outwardIssue: { key: blocked },
    });
    const page = await t.call('GET', `/browse/${blocker}`, undefined, null);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.text).toContain(`${blocker}: Export &lt;history&gt;`);
    expect(page.text).toContain('To Do');
    expect(page.text).toContain('2027-01-12');
    expect(page.text).toContain('acme');
    expect(page.text).toContain(`blocks <a href="/browse/${blocked}">${blocked}</a>`);
    const other = await t.call('GET', `/browse/${blocked}`, undefined, null);
    expect(other.text).toContain(`is blocked by <a href="/browse/${blocker}">${blocker}</a>`);
    expect((await t.call('GET', '/browse/DEL-99999', undefined, null)).status).toBe(404);
  });

  it('shows the type, the description with its links (only http ones), the children and the comments', async () => {
    const linked = {
      type: 'doc',
      version: 1,
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Promised in: ' },
            { type: 'text', text: 'proposal', marks: [{ type: 'link', attrs: { href: 'https://docs.example/p' } }] },
            { type: 'text', text: ' and ' },
            { type: 'text', text: 'this', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] },
          ],
        },
      ],
    };
    const [epic] = await createIssues(t, [{ fields: taskFields({ issuetype: { name: 'Epic' }, summary: 'Handoff' }) }]);
    const [child] = await createIssues(t, [
      { fields: taskFields({ summary: 'SSO', description: linked, parent: { key: epic } }) },
    ]);
    await t.call('POST', `/rest/api/3/issue/${child}/comment`, { body: doc('Blocked: <waiting> on Azure') });
    const epicPage = (await t.call('GET', `/browse/${epic}`, undefined, null)).text;
    expect(epicPage).toContain('<dd>Epic</dd>');
    expect(epicPage).toMatch(new RegExp(`Child issues \\(1\\)[\\s\\S]*<a href="/browse/${child}">${child}</a> SSO`));
    const childPage = (await t.call('GET', `/browse/${child}`, undefined, null)).text;
    expect(childPage).toContain('<a href="https://docs.example/p" rel="noreferrer">proposal</a>');
    expect(childPage).not.toContain('javascript:');
    expect(childPage).toContain('Comments (1)');
    expect(childPage).toContain('Blocked: &lt;waiting&gt; on Azure');
  });
});

describe('the issue search page', () => {
  it('lists what a JQL query finds, linked to each issue, and says why a query is refused', async () => {
    const label = `nav-${Date.now()}`;
    const keys = await createIssues(t, [
      { fields: taskFields({ summary: 'First', labels: [label] }) },
      { fields: taskFields({ summary: 'Second', labels: [label] }) },
    ]);
    const jql = `labels = "${label}" ORDER BY created ASC`;
    const found = await t.call('GET', `/issues/?jql=${encodeURIComponent(jql)}`, undefined, null);
    expect(found.status).toBe(200);
    expect(found.text).toContain('2 issues');
    const listed = [...found.text.matchAll(/<a href="\/browse\/([A-Z]+-\d+)">/g)].map((m) => m[1]);
    // Created in one bulk request, they share a creation time: which comes first is Jira's to choose.
    expect(listed.sort()).toEqual([...keys].sort());
    const refused = await t.call('GET', `/issues/?jql=${encodeURIComponent('labels = ')}`, undefined, null);
    expect(refused.status).toBe(400);
  });
});
