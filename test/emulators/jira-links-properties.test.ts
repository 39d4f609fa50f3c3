import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_VIEWER } from '../../emulators/jira/index';
import { at, createIssues, startTestJira, taskFields, type TestJira } from './local-jira-harness';

let t: TestJira;
beforeAll(async () => {
  t = await startTestJira();
});
afterAll(() => t.close());

const links = async (key: string) => {
  const reply = await t.call('GET', `/rest/api/3/issue/${key}?fields=issuelinks`);
  const list = at(reply.body, 'fields', 'issuelinks');
  return Array.isArray(list) ? list : [];
};

describe('link types and links', () => {
  it('lists the site’s link types with their phrases', async () => {
    const reply = await t.call('GET', '/rest/api/3/issueLinkType');
    const types = at(reply.body, 'issueLinkTypes');
    expect(
      Array.isArray(types) && types.map((type) => [at(type, 'name'), at(type, 'outward'), at(type, 'inward')]),
    ).toEqual(
      expect.arrayContaining([
        ['Blocks', 'blocks', 'is blocked by'],
        ['Relates', 'relates to', 'relates to'],
        ['Cloners', 'clones', 'is cloned by'],
      ]),
    );
  });

  it('shows a Blocks link on both issues, each from its own side, as Jira renders it', async () => {
    const [blocker, blocked] = await createIssues(t, [
      { fields: taskFields({ summary: 'Customer registers the Azure app' }) },
      { fields: taskFields({ summary: 'SSO with Azure AD' }) },
    ]);
    const reply = await t.call('POST', '/rest/api/3/issueLink', {
      type: { name: 'Blocks' },
      inwardIssue: { key: blocker },
      outwardIssue: { key: blocked },
    });
    expect(reply.status).toBe(201);
    // What the spec declares for the 201, empty as Jira sends it.
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    expect(reply.text).toBe('');
    expect(reply.headers.get('location')).toMatch(/\/rest\/api\/3\/issueLink\/\d+$/);

    const fromBlocker = await links(String(blocker));
    expect(fromBlocker).toHaveLength(1);
    expect(fromBlocker[0]).toMatchObject({
      type: { name: 'Blocks', outward: 'blocks' },
      outwardIssue: { key: blocked, fields: { summary: 'SSO with Azure AD' } },
    });
    expect(at(fromBlocker[0], 'inwardIssue')).toBeUndefined();
    const fromBlocked = await links(String(blocked));
    expect(fromBlocked[0]).toMatchObject({
      type: { name: 'Blocks', inward: 'is blocked by' },
      inwardIssue: { key: blocker },
    });
    expect(at(fromBlocked[0], 'id')).toBe(at(fromBlocker[0], 'id'));

    const link = await t.call('GET', `/rest/api/3/issueLink/${String(at(fromBlocker[0], 'id'))}`);
    expect(link.body).toMatchObject({ inwardIssue: { key: blocker }, outwardIssue: { key: blocked } });
  });

  it('does not duplicate a link made twice, and deletes one by id', async () => {
    const [a, b] = await createIssues(t, [{ fields: taskFields() }, { fields: taskFields() }]);
    const types = at((await t.call('GET', '/rest/api/3/issueLinkType')).body, 'issueLinkTypes');
    const relates = Array.isArray(types)
      ? String(
          at(
            types.find((type) => at(type, 'name') === 'Relates'),
            'id',
          ),
        )
      : '';
    const body = { type: { id: relates }, inwardIssue: { key: a }, outwardIssue: { key: b } };
    await t.call('POST', '/rest/api/3/issueLink', body);
    await t.call('POST', '/rest/api/3/issueLink', body);
    const onA = await links(String(a));
    expect(onA).toHaveLength(1);
    expect((await t.call('DELETE', `/rest/api/3/issueLink/${String(at(onA[0], 'id'))}`)).status).toBe(204);
    expect(await links(String(b))).toEqual([]);
  });

  it('answers unknown link types and issues with 404, as the spec documents', async () => {
    const [a] = await createIssues(t, [{ fields: taskFields() }]);
    const haunts = await t.call('POST', '/rest/api/3/issueLink', {
      type: { name: 'Haunts' },
      inwardIssue: { key: a },
      outwardIssue: { key: a },
    });
    expect(haunts.status).toBe(404);
    expect(haunts.body).toEqual({ errorMessages: ["No issue link type with name 'Haunts' found."], errors: {} });
    const missing = await t.call('POST', '/rest/api/3/issueLink', {
      type: { name: 'Blocks' },
      inwardIssue: { key: a },
      outwardIssue: { key: 'DEL-99999' },
    });
    expect(missing.status).toBe(404);
    const viewer = await t.call(
      'POST',
      '/rest/api/3/issueLink',
      { type: { name: 'Blocks' }, inwardIssue: { key: a }, outwardIssue: { key: a } },
      LOCAL_VIEWER,
    );
    expect(viewer.status).toBe(404);
  });
});

describe('issue entity properties', () => {
  it('sets (201), replaces (200), reads, lists and deletes (204) a property', async () => {
    const [key] = await createIssues(t, [{ fields: taskFields() }]);
    const path = `/rest/api/3/issue/${key}/properties/handoff`;
    expect((await t.call('PUT', path, { recordId: 'acme', itemId: 'sso' })).status).toBe(201);
    expect((await t.call('PUT', path, { recordId: 'acme', itemId: 'sso', planHash: 'abc' })).status).toBe(200);
    expect((await t.call('GET', path)).body).toEqual({
      key: 'handoff',
      value: { recordId: 'acme', itemId: 'sso', planHash: 'abc' },
    });
    const keys = await t.call('GET', `/rest/api/3/issue/${key}/properties`);
    expect(keys.body).toEqual({ keys: [{ key: 'handoff', self: expect.stringContaining('/properties/handoff') }] });
    expect((await t.call('DELETE', path)).status).toBe(204);
    const gone = await t.call('GET', path);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ errorMessages: ["The property with key 'handoff' does not exist."], errors: {} });
  });

  it('refuses the viewer (403) and values over 32 KB (400)', async () => {
    const [key] = await createIssues(t, [{ fields: taskFields() }]);
    expect((await t.call('PUT', `/rest/api/3/issue/${key}/properties/handoff`, { a: 1 }, LOCAL_VIEWER)).status).toBe(
      403,
    );
    const big = await t.call('PUT', `/rest/api/3/issue/${key}/properties/big`, { text: 'x'.repeat(33_000) });
    expect(big.status).toBe(400);
  });
});
