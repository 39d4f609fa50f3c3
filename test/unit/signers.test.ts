import { describe, expect, it } from 'vitest';
import { signerOf, signerRefusal } from '../../src/domain/record/signers';
import { aRecord, EMAIL, parse, somePeople } from '../builders/record';

/** Who may give each sign-off: one rule, used by the signOff resolver and the panel's sign-off cards. */

const ADMIN = { account: 'acc-admin', name: 'Handoff Admin' };
const MARIA = { account: 'acc-maria', name: 'Maria Lopez' };

describe('signerOf', () => {
  it('sales is the sales owner, else the account owner, else nobody (named at people.sales-owner)', () => {
    const both = parse(aRecord({ people: somePeople({ 'sales-owner': EMAIL.sales, 'account-owner': EMAIL.cfo }) }));
    expect(signerOf(both, 'sales')).toEqual({ role: 'sales', field: 'people.sales-owner', email: EMAIL.sales });
    const account = parse(aRecord({ people: somePeople({ 'account-owner': EMAIL.cfo }) }));
    expect(signerOf(account, 'sales')).toEqual({ role: 'sales', field: 'people.account-owner', email: EMAIL.cfo });
    expect(signerOf(parse(aRecord()), 'sales')).toEqual({ role: 'sales', field: 'people.sales-owner', email: null });
  });

  it('operations and delivery are their owners', () => {
    const record = parse(aRecord({ people: somePeople({ 'operations-owner': EMAIL.ops }) }));
    expect(signerOf(record, 'operations')).toMatchObject({ field: 'people.operations-owner', email: EMAIL.ops });
    expect(signerOf(record, 'delivery')).toMatchObject({ field: 'people.delivery-owner', email: EMAIL.delivery });
  });
});

describe('signerRefusal', () => {
  const delivery = { role: 'delivery' as const, field: 'people.delivery-owner', email: EMAIL.delivery };

  it('the signer themselves may sign, compared by account (the tracker may hide their e-mail)', () => {
    expect(signerRefusal({ ...delivery, ...MARIA }, MARIA, 'Jira')).toBeNull();
  });

  it('anyone else is told who may sign, who they are signed in as, and the field to change', () => {
    expect(signerRefusal({ ...delivery, ...MARIA }, ADMIN, 'Jira')).toBe(
      'Only Maria Lopez (people.delivery-owner) may sign off delivery; you are signed in as Handoff Admin. ' +
        'If you should sign, change people.delivery-owner.',
    );
  });

  it('a signer the tracker does not know, or no signer at all, refuses everyone', () => {
    expect(signerRefusal({ ...delivery, account: null, name: null }, ADMIN, 'Jira')).toBe(
      `Only ${EMAIL.delivery} (people.delivery-owner) may sign off delivery, and Jira knows nobody by that ` +
        'e-mail: invite them, or change people.delivery-owner.',
    );
    expect(signerRefusal({ ...delivery, email: null, account: null, name: null }, ADMIN, 'Jira')).toBe(
      'Nobody may sign off delivery yet: the record names no one for it. ' +
        'Set people.delivery-owner to the person who signs.',
    );
  });
});
