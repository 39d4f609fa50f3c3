import type { Problem } from '../problem';
import { CRM_LABEL, type CrmDeal, type CrmLineItem } from './crm-deal';
import type { CrmMapping } from './mapping';
import { isoDay, readField } from './read-field';
import { isClosedWon } from './routing';

/** Where a value of the draft came from, shown beside it in the inbox: "title ← HubSpot deal property dealname". */
export type Origin = { path: string; from: string };

/**
 * A handoff record started from a closed-won deal. `record` is as much of a record as the deal
 * gave (it may not validate yet); `blockers` say what the deal lacked, each at the field a lead
 * fills in, so a deal missing something becomes a draft that says so, never half a project.
 */
export type DealDraft = {
  /** An upsell goes to the account's provisioned record as a change, when it has one. */
  kind: 'new' | 'upsell';
  closedWon: boolean;
  source: { crm: CrmDeal['crm']; tenant: string; dealId: string; url?: string; closedOn?: string };
  record: Record<string, unknown>;
  origins: Origin[];
  blockers: Problem[];
  /** Mapped CRM fields that arrived empty: several deals in a row means the field was renamed. */
  emptyFields: string[];
};

/** Lowercase letters, digits and dashes, as record and promise ids must be. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The deal's id as a record id: stable across deliveries, so the same deal is always the same record. */
export const recordIdOf = (deal: Pick<CrmDeal, 'crm' | 'dealId'>): string =>
  `${deal.crm}-${slug(deal.dealId) || 'deal'}`.slice(0, 64).replace(/-+$/, '');

export function draftFromDeal(deal: CrmDeal, mapping: CrmMapping): DealDraft {
  const crm = CRM_LABEL[deal.crm];
  const origins: Origin[] = [];
  const blockers: Problem[] = [];
  const emptyFields: string[] = [];
  /** A mapped field's value; an empty one is remembered for the renamed-field warning. */
  const mapped = (name: string | undefined): string | undefined => {
    if (name === undefined) return undefined;
    const value = readField(deal.fields, name);
    if (value === undefined) emptyFields.push(name);
    return value;
  };
  const from = (path: string, what: string) => origins.push({ path, from: `${crm} ${what}` });
  const lacks = (path: string, message: string) => blockers.push({ path, message });

  const closedWon = isClosedWon(deal, mapping);
  const dealType = mapped(mapping.fields.dealType);
  const kind = dealType !== undefined && mapping.upsellTypes.includes(dealType) ? 'upsell' : 'new';

  const record: Record<string, unknown> = {
    version: 1,
    id: recordIdOf(deal),
    scenario: kind === 'upsell' ? 'expansion' : mapping.scenario,
  };
  const title = mapped(mapping.fields.title);
  if (title !== undefined) {
    record.title = title;
    from('title', `deal field ${mapping.fields.title}`);
  } else
    lacks(
      'title',
      `The ${crm} deal has no name (${mapping.fields.title ?? 'no field mapped'}): give the record a title.`,
    );

  const customer: Record<string, unknown> = {};
  record.customer = customer;
  if (deal.company !== undefined) {
    customer.company = deal.company;
    from('customer.company', deal.crm === 'hubspot' ? 'associated company' : 'Account.Name');
  } else lacks('customer.company', `The ${crm} deal names no company: type the customer's company.`);
  const contacts = contactsOf(deal, mapping, lacks);
  if (contacts.length > 0) {
    customer.contacts = contacts;
    from('customer.contacts', deal.crm === 'hubspot' ? 'associated contacts' : 'OpportunityContactRole');
  }

  const contract: Record<string, unknown> = {};
  const start = isoDay(mapped(mapping.fields.contractStart));
  if (start !== undefined) {
    contract.start = start;
    from('deal.contract.start', `deal field ${mapping.fields.contractStart}`);
  } else
    lacks(
      'deal.contract.start',
      `The ${crm} deal has no ${mapping.fields.contractStart ?? 'close date'}: set when the contract starts.`,
    );
  const term = Number(mapped(mapping.fields.termMonths));
  if (Number.isInteger(term) && term > 0) {
    contract.termMonths = term;
    from('deal.contract.termMonths', `deal field ${mapping.fields.termMonths}`);
  }
  const dealPart: Record<string, unknown> = { contract };
  record.deal = dealPart;
  const named = deal.lineItems.flatMap((li) => (li.name ? [li.name] : []));
  if (named.length > 0) {
    dealPart.purchased = named;
    from('deal.purchased', 'line items');
  }
  const amount = mapped(mapping.fields.amount);
  if (amount !== undefined) {
    const currency = mapped(mapping.fields.currency);
    dealPart.commercialNotes = `Deal value ${amount}${currency ? ` ${currency}` : ''}.`;
    from('deal.commercialNotes', `deal field ${mapping.fields.amount}`);
  }
  if (deal.url) {
    dealPart.documents = [{ kind: 'crm-note', url: deal.url, title: `${crm} deal ${deal.dealId}` }];
    from('deal.documents', 'deal link');
  }

  if (deal.sellerEmail !== undefined) {
    // The seller hands over: the sales sign-off ("no undocumented promises") is theirs to give.
    record.people = { 'sales-owner': deal.sellerEmail };
    from('people.sales-owner', deal.crm === 'hubspot' ? 'deal owner' : 'Opportunity Owner.Email');
  } else
    lacks('people.sales-owner', `The ${crm} deal has no owner e-mail: name the seller, who signs the sales sign-off.`);

  record.promises = deal.lineItems.map((li, i) => promiseOf(deal, li, i, lacks));
  if (deal.lineItems.length > 0) from('promises', 'line items');
  else lacks('promises', `The ${crm} deal has no line items: list what was sold as promises.`);

  return {
    kind,
    closedWon,
    source: { crm: deal.crm, tenant: deal.tenant, dealId: deal.dealId, url: deal.url, closedOn: deal.closedOn },
    record,
    origins,
    blockers,
    emptyFields,
  };
}

/** Contacts with an e-mail and at least one of our roles; each one the CRM left short is a blocker. */
function contactsOf(deal: CrmDeal, mapping: CrmMapping, lacks: (path: string, message: string) => void) {
  const crm = CRM_LABEL[deal.crm];
  const roleField = deal.crm === 'hubspot' ? 'association label' : 'contact role (OpportunityContactRole.Role)';
  return deal.contacts.flatMap((c) => {
    const who = c.name ?? c.email ?? `contact ${c.id}`;
    if (c.email === undefined) {
      lacks('customer.contacts', `${crm} gives ${who} no e-mail: add it to the contact.`);
      return [];
    }
    if (c.roles.length === 0) {
      lacks('customer.contacts', `${crm} gives ${who} no ${roleField} on the deal: choose their role.`);
      return [];
    }
    const roles = [...new Set(c.roles.flatMap((r) => mapping.contactRoles[r] ?? []))];
    const unknown = c.roles.filter((r) => mapping.contactRoles[r] === undefined);
    if (roles.length === 0) {
      lacks(
        'customer.contacts',
        `${who}'s ${crm} role "${unknown.join('", "')}" means none of our contact roles: ` +
          'add it to the intake mapping or choose their role.',
      );
      return [];
    }
    return [{ name: c.name ?? c.email, email: c.email, ...(c.title ? { title: c.title } : {}), roles }];
  });
}

function promiseOf(
  deal: CrmDeal,
  li: CrmLineItem,
  index: number,
  lacks: (path: string, message: string) => void,
): Record<string, unknown> {
  const crm = CRM_LABEL[deal.crm];
  if (li.name === undefined)
    lacks(`promises[${index}].title`, `${crm} line item ${li.id} has no name: title the promise.`);
  const title = li.name && li.quantity !== undefined && li.quantity !== 1 ? `${li.quantity} × ${li.name}` : li.name;
  return {
    id: `line-${slug(li.id) || index + 1}`.slice(0, 64),
    ...(title ? { title } : {}),
    ...(li.detail ? { detail: li.detail } : {}),
    ...(li.serviceDate ? { due: li.serviceDate } : {}),
    // The deal is where it was promised: its link is what a delivery lead follows to check.
    source: {
      kind: 'crm-note',
      ...(deal.url ? { url: deal.url } : {}),
      note: `${crm} deal ${deal.dealId}, line item ${li.id}`,
    },
  };
}
