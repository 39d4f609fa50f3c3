import { describe, expect, it } from 'vitest';
import { pickedEmail, type FoundPerson } from '../../src/domain/record/picked-person';

const maria: FoundPerson = {
  accountId: 'a-maria',
  displayName: 'Maria Lopez',
  avatarUrl: null,
  email: 'Maria.Lopez@vendor.example',
};
const owen: FoundPerson = { accountId: 'a-owen', displayName: 'Owen Hughes', avatarUrl: null, email: null };
const olga: FoundPerson = { accountId: 'a-olga', displayName: 'Olga Hughes', avatarUrl: null, email: null };

describe('a picked person becomes the e-mail the record stores', () => {
  it('their visible e-mail, in lower case, whatever was searched', () => {
    expect(pickedEmail(maria, { query: 'mar', found: [maria] })).toEqual({
      kind: 'email',
      email: 'maria.lopez@vendor.example',
    });
  });

  it('Jira Cloud profile visibility: an exact e-mail search that found only them gives that e-mail', () => {
    const query = ' Owen.Hughes@westmere.example ';
    expect(pickedEmail(owen, { query, found: [owen] })).toEqual({
      kind: 'email',
      email: 'owen.hughes@westmere.example',
    });
  });

  it('asks for the e-mail when it is hidden and the search was a name, or found more than one person', () => {
    expect(pickedEmail(owen, { query: 'owen', found: [owen] })).toEqual({ kind: 'hidden', person: owen });
    expect(pickedEmail(owen, { query: 'hughes@westmere.example', found: [owen, olga] }).kind).toBe('hidden');
  });

  it('never takes a typed address for someone the search did not find by it', () => {
    expect(pickedEmail(owen, { query: 'someone@westmere.example', found: [olga] }).kind).toBe('hidden');
  });
});
