import { z } from 'zod';
import type { Result } from '../problem';
import type { CrmContact, CrmDeal } from './crm-deal';
import { readBody } from './read-body';
import { epochMs, isoDay, readField } from './read-field';

/**
 * What the HubSpot intake reads. A workflow's "Send a webhook" action posts the deal as the CRM
 * API gives it: its id and its properties (plain strings in CRM v3, `{ value }` objects in the
 * older workflow format). The deal's company, contacts (with their association labels) and line
 * items are not in that body: a custom code action that reads them through the CRM v3
 * associations API adds them under `associations` (README), and a deal sent without them becomes
 * a draft whose gate asks for contacts and promises.
 */
const id = z.union([z.string().min(1), z.int().nonnegative()]).transform(String);
const properties = z.record(z.string(), z.unknown());
const crmObject = z.object({ id, properties: properties.default({}) });
const contact = crmObject.extend({
  associationTypes: z.array(z.object({ label: z.string().nullish() })).default([]),
});

export const hubspotPayload = z.object({
  portalId: id,
  objectId: id.optional(),
  id: id.optional(),
  occurredAt: z.int().nonnegative().optional(),
  properties,
  associations: z
    .object({
      companies: z.array(crmObject).default([]),
      contacts: z.array(contact).default([]),
      line_items: z.array(crmObject).default([]),
    })
    .partial()
    .optional(),
  /** The deal owner's e-mail (CRM owners API), which `hubspot_owner_id` alone does not give. */
  owner: z.object({ email: z.string().optional() }).optional(),
});

/** A HubSpot body as a CRM deal, or the fields that keep it from being one. */
export function readHubspotDeal(body: unknown): Result<CrmDeal> {
  return readBody(hubspotPayload, body, dealOf);
}

function dealOf(p: z.output<typeof hubspotPayload>): Result<CrmDeal> {
  const dealId = p.objectId ?? p.id ?? readField(p.properties, 'hs_object_id');
  if (dealId === undefined)
    return { ok: false, problems: [{ path: 'objectId', message: 'the deal id is missing (objectId, id)' }] };
  const contacts: CrmContact[] = (p.associations?.contacts ?? []).map((c) => {
    const name = [readField(c.properties, 'firstname'), readField(c.properties, 'lastname')].filter(Boolean).join(' ');
    return {
      id: c.id,
      name: name || undefined,
      email: readField(c.properties, 'email'),
      title: readField(c.properties, 'jobtitle'),
      roles: c.associationTypes.flatMap((t) => (t.label ? [t.label] : [])),
    };
  });
  const company = p.associations?.companies?.[0];
  return {
    ok: true,
    value: {
      crm: 'hubspot',
      tenant: p.portalId,
      dealId,
      url: `https://app.hubspot.com/contacts/${p.portalId}/record/0-3/${dealId}`,
      fields: p.properties,
      company: company ? readField(company.properties, 'name') : undefined,
      contacts,
      lineItems: (p.associations?.line_items ?? []).map((li) => ({
        id: li.id,
        name: readField(li.properties, 'name'),
        quantity: Number(readField(li.properties, 'quantity')) || undefined,
        detail: readField(li.properties, 'description'),
      })),
      sellerEmail: p.owner?.email?.trim() || undefined,
      closedOn: isoDay(readField(p.properties, 'closedate')),
      changedAt: epochMs(readField(p.properties, 'hs_lastmodifieddate')) ?? p.occurredAt ?? 0,
    },
  };
}
