import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readHubspotDeal } from '../../src/domain/intake/hubspot-payload';
import { readSalesforceDeal } from '../../src/domain/intake/salesforce-payload';
import { draftFromDeal } from '../../src/domain/intake/draft';
import { draftGate } from '../../src/domain/intake/draft-gate';
import { DEFAULT_MAPPING } from '../../src/domain/intake/mapping';
import { driftWarnings, nextStreaks, type EmptyStreaks } from '../../src/domain/intake/field-drift';
import type { CrmDeal } from '../../src/domain/intake/crm-deal';

/** A recorded body; the fields the tests rewrite are typed, the rest is whatever the CRM sent. */
type Body = Record<string, unknown> & { properties: object; contactRoles: Array<Record<string, unknown>> };
const fixture = (name: string): Body =>
  JSON.parse(readFileSync(new URL(`../fixtures/intake/${name}`, import.meta.url), 'utf8'));

function deal(result: ReturnType<typeof readHubspotDeal>): CrmDeal {
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}

describe('HubSpot deal → draft record', () => {
  const hubspot = deal(readHubspotDeal(fixture('hubspot-closed-won.json')));
  const draft = draftFromDeal(hubspot, DEFAULT_MAPPING.hubspot);

  it('takes title, company, contacts with their labels, contract, seller and value from the deal', () => {
    expect(draft.closedWon).toBe(true);
    expect(draft.kind).toBe('new');
    expect(draft.record).toMatchObject({
      id: 'hubspot-9876543210',
      title: 'Northwind Freight — fleet tracking',
      customer: {
        company: 'Northwind Freight AB',
        contacts: [
          {
            name: 'Astrid Lund',
            email: 'astrid.lund@northwind.example',
            roles: ['decision-maker', 'executive-sponsor'],
          },
          { name: 'Nils Berg', email: 'nils.berg@northwind.example', roles: ['day-to-day-owner'] },
        ],
      },
      deal: {
        contract: { start: '2026-12-01', termMonths: 24 },
        purchased: ['Fleet Tracking Pro', 'Onboarding package'],
        commercialNotes: 'Deal value 48000 EUR.',
      },
      people: { 'sales-owner': 'sara.seller@vendor.example' },
    });
    expect(draft.blockers).toEqual([]);
    expect(draft.origins).toContainEqual({ path: 'title', from: 'HubSpot deal field dealname' });
  });

  it('makes each line item a promise whose source is the deal, with its link', () => {
    expect(draft.record.promises).toEqual([
      {
        id: 'line-30001',
        title: '250 × Fleet Tracking Pro',
        source: {
          kind: 'crm-note',
          url: 'https://app.hubspot.com/contacts/62515/record/0-3/9876543210',
          note: 'HubSpot deal 9876543210, line item 30001',
        },
      },
      expect.objectContaining({
        id: 'line-30002',
        title: 'Onboarding package',
        detail: 'Three depots, remote training',
      }),
    ]);
  });

  it('is a record the gate reads: not yet, naming what the deal never holds (e.g. the billing owner)', () => {
    const gate = draftGate(draft, '2026-12-01');
    expect(gate.decision).toBe('not-yet');
    expect(gate.blockers.map((b) => b.message)).toContain(
      'Name the customer billing owner: add a contact with role billing-owner.',
    );
  });

  it('an empty mapped field becomes a blocker at the field to fill and is remembered for the drift warning', () => {
    const body = fixture('hubspot-closed-won.json');
    const renamed = { ...body, properties: { ...body.properties, dealname: '  ', closedate: null } };
    const empty = draftFromDeal(deal(readHubspotDeal(renamed)), DEFAULT_MAPPING.hubspot);
    expect(empty.record.title).toBeUndefined();
    expect(empty.blockers.map((b) => b.path)).toEqual(['title', 'deal.contract.start']);
    expect(empty.emptyFields).toEqual(expect.arrayContaining(['dealname', 'closedate']));
    expect(draftGate(empty, '2026-12-01').blockers[0]).toEqual({
      path: 'title',
      message: 'The HubSpot deal has no name (dealname): give the record a title.',
    });
  });

  it('a deal without associations (the plain workflow webhook) asks for company and promises', () => {
    const body = fixture('hubspot-closed-won.json');
    const bare = draftFromDeal(deal(readHubspotDeal({ ...body, associations: undefined })), DEFAULT_MAPPING.hubspot);
    expect(bare.blockers.map((b) => b.path)).toEqual(['customer.company', 'promises']);
  });

  it('a deal in another stage or pipeline is not closed-won; an existing-business deal is an upsell', () => {
    const body = fixture('hubspot-closed-won.json');
    const props = body.properties;
    const open = { ...body, properties: { ...props, dealstage: 'contractsent' } };
    expect(draftFromDeal(deal(readHubspotDeal(open)), DEFAULT_MAPPING.hubspot).closedWon).toBe(false);
    const other = { ...body, properties: { ...props, pipeline: '7734' } };
    expect(draftFromDeal(deal(readHubspotDeal(other)), DEFAULT_MAPPING.hubspot).closedWon).toBe(false);
    const upsell = draftFromDeal(deal(readHubspotDeal(fixture('hubspot-upsell.json'))), DEFAULT_MAPPING.hubspot);
    expect(upsell).toMatchObject({ kind: 'upsell', closedWon: true, record: { scenario: 'expansion' } });
  });

  it('a body that is not a HubSpot deal is refused with the field that is wrong', () => {
    const result = readHubspotDeal({ properties: {} });
    expect(result).toEqual({ ok: false, problems: [expect.objectContaining({ path: 'portalId' })] });
  });
});

describe('Salesforce opportunity → draft record', () => {
  const sf = deal(readSalesforceDeal(fixture('salesforce-closed-won.json')));
  const draft = draftFromDeal(sf, DEFAULT_MAPPING.salesforce);

  it('reads Account.Name, Owner.Email and OpportunityContactRole roles', () => {
    expect(draft.record).toMatchObject({
      title: 'Harbour Analytics — claims dashboards',
      customer: {
        company: 'Harbour Analytics Ltd',
        contacts: [
          { name: 'Priya Shah', roles: ['decision-maker'], title: 'Head of Claims' },
          { name: 'Tom Reid', roles: ['executive-sponsor'] },
        ],
      },
      deal: { contract: { start: '2026-11-30', termMonths: 12 }, commercialNotes: 'Deal value 72000 GBP.' },
      people: { 'sales-owner': 'owen.seller@vendor.example' },
    });
    expect(draft.record.promises).toContainEqual(
      expect.objectContaining({ title: '2 × Analyst training', due: '2027-02-01' }),
    );
    expect(draft.source.url).toBe(
      'https://harbour-analytics.my.salesforce.com/lightning/r/Opportunity/0065g00000XyZabAAB/view',
    );
  });

  it('a contact with no contact role is a blocker naming the missing role, not a contact without one', () => {
    expect(draft.blockers).toEqual([
      {
        path: 'customer.contacts',
        message:
          'Salesforce gives Lee Park no contact role (OpportunityContactRole.Role) on the deal: choose their role.',
      },
    ]);
    const gate = draftGate(draft, '2026-12-01');
    expect(gate.blockers.map((b) => b.message)).toEqual(
      expect.arrayContaining([
        draft.blockers[0]?.message,
        'Name the day-to-day project owner: add a contact with role day-to-day-owner.',
      ]),
    );
  });

  it('a role the mapping does not know is named, so the admin can map it', () => {
    const body = fixture('salesforce-closed-won.json');
    const roles = body.contactRoles;
    const odd = { ...body, contactRoles: [{ ...roles[0], Role: 'Influencer' }] };
    const result = draftFromDeal(deal(readSalesforceDeal(odd)), DEFAULT_MAPPING.salesforce);
    expect(result.blockers[0]?.message).toBe(
      'Priya Shah\'s Salesforce role "Influencer" means none of our contact roles: ' +
        'add it to the intake mapping or choose their role.',
    );
  });
});

describe('renamed-field warning', () => {
  it('warns once a mapped field was empty on three deals in a row, and forgets when it fills again', () => {
    const mapping = DEFAULT_MAPPING.hubspot;
    let streaks: EmptyStreaks = {};
    for (let i = 0; i < 2; i++) streaks = nextStreaks(streaks, mapping, ['contract_term_months']);
    expect(driftWarnings(streaks, 'HubSpot')).toEqual([]);
    streaks = nextStreaks(streaks, mapping, ['contract_term_months']);
    expect(driftWarnings(streaks, 'HubSpot')).toEqual([
      'The HubSpot field contract_term_months was empty on the last 3 deals: ' +
        'if it was renamed in the CRM, update the intake mapping.',
    ]);
    expect(driftWarnings(nextStreaks(streaks, mapping, []), 'HubSpot')).toEqual([]);
  });
});
