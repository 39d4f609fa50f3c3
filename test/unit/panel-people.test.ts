import { describe, expect, it } from 'vitest';
import { readRecord } from '../../src/domain/record/read-record';
import { readFileSync } from 'node:fs';
import type { HandoffRecord } from '../../src/domain/record/record';
import { fieldsNaming } from '../../static/panel/src/people/naming';
import { suggestions } from '../../static/panel/src/people/suggestions';

function example(name: string): HandoffRecord {
  const read = readRecord(readFileSync(new URL(`../../examples/${name}.handoff.yaml`, import.meta.url), 'utf8'));
  if (!read.ok) throw new Error(`${name} does not read`);
  return read.value;
}

describe('which fields of the record name a person (owner transfer)', () => {
  it('lists roles and owners by e-mail in the form’s words, not the sign-offs or contacts', () => {
    const acme = example('acme-onboarding');
    expect(fieldsNaming(acme, 'Maria.Lopez@vendor.example').map((n) => [n.path, n.label])).toEqual([
      ['people.delivery-owner', expect.stringMatching(/Delivery owner/)],
      ['promises[1].owner', expect.stringMatching(/^Promise 2 · Import two years of delivery history/)],
    ]);
    expect(fieldsNaming(acme, 'tom.berger@acme.example').map((n) => n.path)).toEqual([
      'technicalEnvironment.systems[0].owner',
      'technicalEnvironment.systems[1].owner',
      'dependencies[0].owner',
      'dependencies[1].owner',
      'dependencies[2].owner',
    ]);
  });
});

describe('what the owner list offers', () => {
  const people = { roles: { 'delivery-owner': 'maria.lopez@vendor.example' }, contacts: ['tom@acme.example'] };
  const nameOf = (email: string) => (email.startsWith('maria') ? 'Maria Lopez' : email);
  const owen = { accountId: 'o', displayName: 'Owen Hughes', avatarUrl: null, email: null };

  it('roles first (filled ones first), then the record’s people, then Jira’s other matches', () => {
    const offered = suggestions({ query: 'owner', roles: true, people, found: [], nameOf });
    expect(offered[0]).toEqual({ kind: 'role', role: 'delivery-owner', email: 'maria.lopez@vendor.example' });
    expect(offered.slice(1).every((s) => s.kind === 'role' && s.email === null)).toBe(true);
  });

  it('matches the record’s people by name, and does not repeat them from Jira', () => {
    const maria = { accountId: 'm', displayName: 'Maria Lopez', avatarUrl: null, email: 'maria.lopez@vendor.example' };
    expect(suggestions({ query: 'lopez', roles: false, people, found: [maria, owen], nameOf })).toEqual([
      { kind: 'known', email: 'maria.lopez@vendor.example' },
      { kind: 'found', person: owen },
    ]);
  });
});
