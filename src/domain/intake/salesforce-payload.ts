import { z } from 'zod';
import type { Result } from '../problem';
import type { CrmDeal } from './crm-deal';
import { readBody } from './read-body';
import { epochMs, isoDay, readField } from './read-field';

/**
 * What the Salesforce intake reads: the body a record-triggered Flow's HTTP callout (or the Apex
 * action that signs it, README) posts when an Opportunity is won. The Opportunity with the fields
 * the Flow's Get Records read (related records nested as SOQL nests them: `Account.Name`,
 * `Owner.Email`), its OpportunityLineItems and its OpportunityContactRoles, each with the contact.
 */
const sfId = z.string().min(1);
const record = z.record(z.string(), z.unknown());

export const salesforcePayload = z.object({
  organizationId: sfId,
  /** `https://<domain>.my.salesforce.com`: where the Opportunity's page is. */
  instanceUrl: z.url({ protocol: /^https$/ }).optional(),
  opportunity: record.and(z.object({ Id: sfId })),
  lineItems: z
    .array(
      z.object({
        Id: sfId,
        Name: z.string().nullish(),
        Quantity: z.number().nullish(),
        Description: z.string().nullish(),
        ServiceDate: z.string().nullish(),
      }),
    )
    .default([]),
  contactRoles: z
    .array(
      z.object({
        ContactId: sfId,
        Role: z.string().nullish(),
        IsPrimary: z.boolean().nullish(),
        Contact: z
          .object({ Name: z.string().nullish(), Email: z.string().nullish(), Title: z.string().nullish() })
          .nullish(),
      }),
    )
    .default([]),
});

/** A Salesforce body as a CRM deal, or the fields that keep it from being one. */
export function readSalesforceDeal(body: unknown): Result<CrmDeal> {
  return readBody(salesforcePayload, body, dealOf);
}

function dealOf(p: z.output<typeof salesforcePayload>): Result<CrmDeal> {
  const opp = p.opportunity;
  const text = (s: string | null | undefined) => (s?.trim() ? s.trim() : undefined);
  return {
    ok: true,
    value: {
      crm: 'salesforce',
      tenant: p.organizationId,
      dealId: opp.Id,
      url: p.instanceUrl ? `${p.instanceUrl.replace(/\/$/, '')}/lightning/r/Opportunity/${opp.Id}/view` : undefined,
      fields: opp,
      company: readField(opp, 'Account.Name'),
      contacts: p.contactRoles.map((r) => ({
        id: r.ContactId,
        name: text(r.Contact?.Name),
        email: text(r.Contact?.Email),
        title: text(r.Contact?.Title),
        roles: text(r.Role) ? [String(text(r.Role))] : [],
      })),
      lineItems: p.lineItems.map((li) => ({
        id: li.Id,
        name: text(li.Name),
        quantity: li.Quantity ?? undefined,
        detail: text(li.Description),
        serviceDate: isoDay(text(li.ServiceDate)),
      })),
      sellerEmail: readField(opp, 'Owner.Email'),
      closedOn: isoDay(readField(opp, 'CloseDate')),
      changedAt: epochMs(readField(opp, 'LastModifiedDate')) ?? 0,
    },
  };
}
