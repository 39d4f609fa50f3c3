import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_VIEWER, accountIdFor, localApiToken } from '../../emulators/jira/index';
import { at, startTestJira, type TestJira } from './local-jira-harness';

const examples = mkdtempSync(join(tmpdir(), 'local-jira-examples-'));
writeFileSync(
  join(examples, 'demo.handoff.yaml'),
  [
    'id: demo',
    'customer:',
    '  contacts:',
    '    - { name: Lena Vogel, email: lena.vogel@acme.example, roles: [decision-maker] }',
    'people:',
    '  delivery-owner: maria.lopez@vendor.example',
    'signoffs:',
    '  sales: { by: jo.seller@vendor.example }',
    'exceptions:',
    '  - { id: discount, approvedBy: cfo@vendor.example, record: "https://crm.example.com/deals/123" }',
  ].join('\n'),
);

let t: TestJira;
beforeAll(async () => {
  t = await startTestJira({ examplesDir: examples });
});
afterAll(() => t.close());

const emails = (body: unknown) => (Array.isArray(body) ? body.map((u) => at(u, 'emailAddress')) : []);

describe('the seed', () => {
  it('adds every e-mail of the example records, with names from the record or the address', async () => {
    for (const email of [
      'lena.vogel@acme.example',
      'maria.lopez@vendor.example',
      'jo.seller@vendor.example',
      'cfo@vendor.example',
    ]) {
      const reply = await t.call('GET', `/rest/api/3/user/search?query=${encodeURIComponent(email)}`);
      expect(emails(reply.body)).toEqual([email]);
    }
    const lena = await t.call('GET', '/rest/api/3/user/search?query=vogel');
    expect(at(lena.body, 0, 'displayName')).toBe('Lena Vogel');
    const maria = await t.call(
      'GET',
      `/rest/api/3/user?accountId=${encodeURIComponent(accountIdFor('maria.lopez@vendor.example'))}`,
    );
    expect(at(maria.body, 'displayName')).toBe('Maria Lopez');
  });

  it('makes the example people assignable in DEL, and the viewer not', async () => {
    const reply = await t.call('GET', '/rest/api/3/user/assignable/search?project=DEL&query=');
    expect(emails(reply.body)).toEqual(
      expect.arrayContaining(['maria.lopez@vendor.example', 'lena.vogel@acme.example', 'admin@handoff.local']),
    );
    expect(emails(reply.body)).not.toContain(LOCAL_VIEWER.email);
  });

  it('reads the repository’s example records by default', async () => {
    const defaults = await startTestJira();
    try {
      // The Acme example's delivery owner and a customer contact, named as the record names her.
      expect(
        emails((await defaults.call('GET', '/rest/api/3/user/search?query=maria.lopez@vendor.example')).body),
      ).toEqual(['maria.lopez@vendor.example']);
      expect(
        at(
          (await defaults.call('GET', '/rest/api/3/user/search?query=lena.vogel@acme.example')).body,
          0,
          'displayName',
        ),
      ).toBe('Lena Vogel');
    } finally {
      await defaults.close();
    }
  });

  it('gives each seeded person a working API token', async () => {
    const reply = await t.call('GET', '/rest/api/3/myself', undefined, {
      email: 'cfo@vendor.example',
      apiToken: localApiToken('cfo@vendor.example'),
    });
    expect(at(reply.body, 'displayName')).toBe('Cfo');
  });
});

describe('adding and finding people', () => {
  it('adds a person (site admin only) who is then found by e-mail, name and assignable search', async () => {
    const added = await t.call('POST', '/rest/api/3/user', {
      emailAddress: 'Nina.Berg@vendor.example',
      products: ['jira-software'],
      displayName: 'Nina Berg',
      apiToken: 'nina-token',
    });
    expect(added.status).toBe(201);
    expect(at(added.body, 'emailAddress')).toBe('nina.berg@vendor.example');
    expect(emails((await t.call('GET', '/rest/api/3/user/search?query=nina.berg@vendor.example')).body)).toEqual([
      'nina.berg@vendor.example',
    ]);
    expect(emails((await t.call('GET', '/rest/api/3/user/search?query=berg')).body)).toEqual([
      'nina.berg@vendor.example',
    ]);
    expect(emails((await t.call('GET', '/rest/api/3/user/assignable/search?project=DEL&query=nina')).body)).toEqual([
      'nina.berg@vendor.example',
    ]);
    const me = await t.call('GET', '/rest/api/3/myself', undefined, {
      email: 'nina.berg@vendor.example',
      apiToken: 'nina-token',
    });
    expect(at(me.body, 'accountId')).toBe(at(added.body, 'accountId'));
  });

  it('answers 201 with the same account when the person already exists, as Jira does', async () => {
    const first = await t.call('POST', '/rest/api/3/user', { emailAddress: 'twice@vendor.example', products: [] });
    const second = await t.call('POST', '/rest/api/3/user', { emailAddress: 'twice@vendor.example', products: [] });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(at(second.body, 'accountId')).toBe(at(first.body, 'accountId'));
  });

  it('does not make a person without product access assignable', async () => {
    await t.call('POST', '/rest/api/3/user', { emailAddress: 'noaccess@vendor.example', products: [] });
    expect(emails((await t.call('GET', '/rest/api/3/user/assignable/search?project=DEL&query=noaccess')).body)).toEqual(
      [],
    );
  });

  it('refuses a non-admin with 403 and a bad address with 400', async () => {
    expect(
      (await t.call('POST', '/rest/api/3/user', { emailAddress: 'x@vendor.example', products: [] }, LOCAL_VIEWER))
        .status,
    ).toBe(403);
    const bad = await t.call('POST', '/rest/api/3/user', { emailAddress: 'not-an-address', products: [] });
    expect(bad.status).toBe(400);
    expect(at(bad.body, 'errors', 'emailAddress')).toBeTypeOf('string');
  });

  it('needs a query for user search and a project for assignable search', async () => {
    expect((await t.call('GET', '/rest/api/3/user/search')).body).toEqual({
      errorMessages: ['The username or property query parameter must be provided'],
      errors: {},
    });
    expect((await t.call('GET', '/rest/api/3/user/assignable/search?query=a')).body).toEqual({
      errorMessages: ['No project, issue key or issue ID was provided'],
      errors: {},
    });
  });
});
