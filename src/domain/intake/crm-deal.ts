/**
 * A closed-won deal as both CRMs tell it, before any mapping: the deal's own fields by the CRM's
 * names (read through the project's mapping, so a renamed field shows as an empty one), and the
 * company, contacts, line items and seller the CRM keeps beside the deal.
 */
export type CrmName = 'hubspot' | 'salesforce';

export const CRM_LABEL: Record<CrmName, string> = { hubspot: 'HubSpot', salesforce: 'Salesforce' };

export type CrmContact = {
  /** The CRM's id of the contact, to say which one lacks what. */
  id: string;
  name?: string;
  email?: string;
  title?: string;
  /** The CRM's own role labels: HubSpot association labels, Salesforce OpportunityContactRole.Role. */
  roles: string[];
};

export type CrmLineItem = {
  id: string;
  name?: string;
  quantity?: number;
  detail?: string;
  /** `YYYY-MM-DD`: Salesforce's ServiceDate, the day the item was promised for. */
  serviceDate?: string;
};

export type CrmDeal = {
  crm: CrmName;
  /** HubSpot portal id or Salesforce organization id: deal ids are only unique inside one. */
  tenant: string;
  dealId: string;
  /** The deal's page in the CRM, which every promise made from it links back to. */
  url?: string;
  /** The deal's fields by the CRM's names; dotted names (`Account.Name`) reach into related records. */
  fields: Record<string, unknown>;
  company?: string;
  contacts: CrmContact[];
  lineItems: CrmLineItem[];
  sellerEmail?: string;
  /** `YYYY-MM-DD`: the day the deal closed, part of what makes a closed-won event the same one again. */
  closedOn?: string;
  /** Milliseconds: when the CRM last changed the deal, which orders events that arrive out of order. */
  changedAt: number;
};
