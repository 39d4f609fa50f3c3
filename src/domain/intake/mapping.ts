import { z } from 'zod';
import { CONTACT_ROLES, SCENARIOS } from '../record/record';
import type { CrmName } from './crm-deal';

/**
 * How one CRM's deals become handoff records, set per project by a project admin: which deals are
 * closed-won (pipeline and stage ids: HubSpot's stage ids are per pipeline), which deal types are
 * upsells, where the record goes, which CRM field holds each of ours, and which of our contact
 * roles each CRM role label means.
 */
const fieldName = z.string().trim().min(1, 'must name a CRM field');
const target = z.discriminatedUnion('tracker', [
  z.strictObject({ tracker: z.literal('jira'), project: z.string().regex(/^[A-Z][A-Z0-9_]+$/, 'a Jira project key') }),
  z.strictObject({ tracker: z.literal('asana'), team: z.string().trim().min(1, 'an Asana team id') }),
]);

export const crmMapping = z.strictObject({
  closedWon: z
    .array(z.strictObject({ pipeline: z.string().optional(), stage: z.string().min(1) }))
    .min(1, 'name at least one closed-won stage'),
  /** Field names: the deal's pipeline and stage, so the closed-won check reads them where they are. */
  pipelineField: fieldName.optional(),
  stageField: fieldName,
  fields: z.strictObject({
    title: fieldName.optional(),
    amount: fieldName.optional(),
    currency: fieldName.optional(),
    contractStart: fieldName.optional(),
    termMonths: fieldName.optional(),
    dealType: fieldName.optional(),
  }),
  upsellTypes: z.array(z.string()).default([]),
  contactRoles: z.record(z.string(), z.enum(CONTACT_ROLES)),
  scenario: z.enum(SCENARIOS).default('core'),
  target: target.optional(),
});
export type CrmMapping = z.output<typeof crmMapping>;

export const intakeMapping = z.strictObject({ hubspot: crmMapping.optional(), salesforce: crmMapping.optional() });
export type IntakeMapping = z.output<typeof intakeMapping>;

/**
 * What a fresh installation starts with: the CRMs' default pipeline, stage, field and role names
 * (HubSpot's `default` pipeline and `closedwon` stage; Salesforce's `Closed Won` stage and its
 * standard OpportunityContactRole roles). An admin changes them to the portal's or org's own.
 */
export const DEFAULT_MAPPING: Record<CrmName, CrmMapping> = {
  hubspot: {
    closedWon: [{ pipeline: 'default', stage: 'closedwon' }],
    pipelineField: 'pipeline',
    stageField: 'dealstage',
    fields: {
      title: 'dealname',
      amount: 'amount',
      currency: 'deal_currency_code',
      contractStart: 'closedate',
      termMonths: 'contract_term_months',
      dealType: 'dealtype',
    },
    upsellTypes: ['existingbusiness'],
    contactRoles: {
      'Decision maker': 'decision-maker',
      'Executive sponsor': 'executive-sponsor',
      'Billing contact': 'billing-owner',
      'Day-to-day contact': 'day-to-day-owner',
      'Technical contact': 'technical-owner',
    },
    scenario: 'core',
  },
  salesforce: {
    closedWon: [{ stage: 'Closed Won' }],
    stageField: 'StageName',
    fields: {
      title: 'Name',
      amount: 'Amount',
      currency: 'CurrencyIsoCode',
      contractStart: 'CloseDate',
      termMonths: 'Term_Months__c',
      dealType: 'Type',
    },
    upsellTypes: ['Existing Customer - Upgrade'],
    contactRoles: {
      'Decision Maker': 'decision-maker',
      'Economic Decision Maker': 'decision-maker',
      'Executive Sponsor': 'executive-sponsor',
      'Economic Buyer': 'finance-approver',
      'Technical Buyer': 'technical-owner',
      'Business User': 'end-user-lead',
      Evaluator: 'technical-owner',
    },
    scenario: 'core',
  },
};

/** The project's mapping for one CRM, or the default one when the admin has not set it. */
export function mappingFor(mapping: IntakeMapping | null | undefined, crm: CrmName): CrmMapping {
  return mapping?.[crm] ?? DEFAULT_MAPPING[crm];
}
