import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { accountIdFor, localApiToken, type LocalJira } from '../../emulators/jira/index';
import { PRIVATE_PERSON } from '../../emulators/jira/seed-people';
import { exampleRecord } from './support/records';
import { pickedEmail } from '../../src/domain/record/picked-person';
import { SEARCH_LIMIT } from '../../src/forge/jira/jira-people';
import {
  ADMIN,
  MEMBER,
  closeJira,
  createForgeApp,
  errorOf,
  jiraAs,
  okValue,
  rest,
  startJira,
  type Credentials,
} from './support/forge-harness';

const person = z.object({
  accountId: z.string(),
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
  email: z.string().nullable(),
});
const found = z.array(person);
const named = z.record(z.string(), person.nullable());

const OWEN: Credentials = { email: PRIVATE_PERSON, apiToken: localApiToken(PRIVATE_PERSON) };

let jira: LocalJira;
beforeAll(async () => {
  jira = await startJira();
});
afterAll(() => closeJira(jira));

describe('searchPeople: Jira user search as the person using the page', () => {
  it('finds people by name with their name, avatar and visible e-mail', async () => {
    const app = createForgeApp(jira);
    const people = okValue(await app.call('searchPeople', { query: 'maria' }), found);
    expect(people).toContainEqual({
      accountId: accountIdFor(MEMBER.email),
      displayName: 'Maria Lopez',
      avatarUrl: expect.stringContaining('48x48'),
      email: MEMBER.email,
    });
  });

  it('Jira Cloud profile visibility: hidden e-mails left out, an exact e-mail still finds them', async () => {
    const app = createForgeApp(jira);
    const byName = okValue(await app.call('searchPeople', { query: 'owen' }), found);
    const owen = byName.find((p) => p.displayName === 'Owen Hughes');
    expect(owen?.email).toBeNull();
    // Part of the hidden address finds nobody: it cannot be guessed a letter at a time.
    expect(okValue(await app.call('searchPeople', { query: 'owen.hughes@' }), found)).toEqual([]);
    const byEmail = okValue(await app.call('searchPeople', { query: PRIVATE_PERSON }), found);
    expect(byEmail.map((p) => p.displayName)).toEqual(['Owen Hughes']);
    // So picking him from that search stores the address typed; picked by name, his e-mail must be asked for.
    expect(pickedEmail(byEmail[0]!, { query: PRIVATE_PERSON, found: byEmail })).toEqual({
      kind: 'email',
      email: PRIVATE_PERSON,
    });
    expect(pickedEmail(owen!, { query: 'owen', found: byName }).kind).toBe('hidden');
  });

  it('searches as the caller, not as the app: Owen sees his own e-mail, the admin does not', async () => {
    const owenId = accountIdFor(OWEN.email);
    const app = createForgeApp(jira, {
      overrides: { jiraAsUser: (id) => jiraAs(jira, id === owenId ? OWEN : ADMIN) },
    });
    const asOwen = okValue(await app.call('searchPeople', { query: 'owen' }, { who: OWEN }), found);
    expect(asOwen.find((p) => p.accountId === owenId)?.email).toBe(PRIVATE_PERSON);
    const asAdmin = okValue(await app.call('searchPeople', { query: 'owen' }), found);
    expect(asAdmin.find((p) => p.accountId === owenId)?.email).toBeNull();
  });

  it(`answers at most ${SEARCH_LIMIT} people, and refuses an empty or overlong query`, async () => {
    for (let n = 1; n <= SEARCH_LIMIT + 4; n += 1)
      await rest(jira, 'POST', '/rest/api/3/user', {
        emailAddress: `tessa.${n}@vendor.example`,
        displayName: `Tessa Number${n}`,
        products: ['jira-software'],
      });
    const app = createForgeApp(jira);
    expect(okValue(await app.call('searchPeople', { query: 'tessa' }), found)).toHaveLength(SEARCH_LIMIT);
    expect(errorOf(await app.call('searchPeople', { query: '  ' }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(errorOf(await app.call('searchPeople', { query: 'x'.repeat(101) }))).toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('leaves out deactivated people', async () => {
    const app = createForgeApp(jira);
    expect(okValue(await app.call('searchPeople', { query: 'kai' }), found)).toEqual([]);
  });
});

describe('namePeople: the record’s e-mails as names and avatars', () => {
  it('names visible and hidden addresses, and says null for an address nobody has', async () => {
    const app = createForgeApp(jira);
    const names = okValue(
      await app.call('namePeople', {
        emails: ['Maria.Lopez@vendor.example', PRIVATE_PERSON, 'nobody@vendor.example'],
      }),
      named,
    );
    expect(names['maria.lopez@vendor.example']?.displayName).toBe('Maria Lopez');
    expect(names[PRIVATE_PERSON]?.displayName).toBe('Owen Hughes');
    expect(names['nobody@vendor.example']).toBeNull();
  });

  it('refuses more than 60 addresses in one call (the resolver budget)', async () => {
    const app = createForgeApp(jira);
    const emails = Array.from({ length: 61 }, (_, i) => `p${i}@vendor.example`);
    expect(errorOf(await app.call('namePeople', { emails }))).toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('previewTransfer: what a transfer would move, before anything moves', () => {
  it('counts the open tickets of the person leaving, exactly those the transfer then moves', async () => {
    const app = createForgeApp(jira);
    const record = exampleRecord('acme-onboarding', { id: 'people-preview' });
    okValue(await app.call('saveRecord', { record }), z.unknown());
    okValue(await app.call('provision'), z.object({ mode: z.literal('inline') }));
    const transfer = { from: MEMBER.email, to: 'priya.nair@vendor.example' };
    const preview = z.object({ open: z.array(z.object({ itemId: z.string(), key: z.string() })) });

    const before = okValue(await app.call('previewTransfer', transfer), preview);
    expect(before.open.length).toBeGreaterThan(0);
    expect(okValue(await app.call('previewTransfer', transfer), preview)).toEqual(before);
    const moved = await app.settled(
      await app.call('transferOwner', transfer),
      z.object({ moved: z.array(z.object({ key: z.string() })) }),
    );
    expect(moved.moved.map((m) => m.key).sort()).toEqual(before.open.map((o) => o.key).sort());
    expect(okValue(await app.call('previewTransfer', transfer), preview).open).toEqual([]);
  });
});
