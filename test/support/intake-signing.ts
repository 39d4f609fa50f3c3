import { readFileSync } from 'node:fs';
import { hubspotSignature, salesforceSignature } from '../../src/forge/intake/signatures';
import type { WebTriggerRequest } from '../../src/forge/web-trigger';

/**
 * Requests as the CRMs send them, signed the way each one signs (signatures.ts follows their
 * documentation): the tests drive the intake with the recorded bodies under test/fixtures/intake.
 */
export const HUBSPOT_SECRET = 'test-hubspot-client-secret';
export const SALESFORCE_SECRET = 'test-salesforce-shared-secret';
export const HUBSPOT_URL = 'https://example.atlassian-dev.net/x1/intake-hubspot';

export const intakeFixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/intake/${name}`, import.meta.url), 'utf8');

export function signedHubspot(
  body: string,
  at: number,
  options: { secret?: string; uri?: string } = {},
): WebTriggerRequest {
  const timestamp = String(at);
  const signature = hubspotSignature(
    options.secret ?? HUBSPOT_SECRET,
    { method: 'POST', uri: options.uri ?? HUBSPOT_URL, body },
    timestamp,
  );
  return {
    method: 'POST',
    body,
    headers: {
      'content-type': ['application/json'],
      'x-hubspot-signature-v3': [signature],
      'x-hubspot-request-timestamp': [timestamp],
    },
  };
}

export function signedSalesforce(body: string, at: number, secret = SALESFORCE_SECRET): WebTriggerRequest {
  const timestamp = String(at);
  return {
    method: 'POST',
    body,
    headers: {
      'content-type': ['application/json'],
      'x-handoff-signature': [salesforceSignature(secret, body, timestamp)],
      'x-handoff-timestamp': [timestamp],
    },
  };
}

/** A recorded body with fields of its deal changed, as the CRM would send it later. */
export function withDealFields(name: string, fields: Record<string, unknown>): string {
  const body: Record<string, unknown> & { properties?: object; opportunity?: object } = JSON.parse(intakeFixture(name));
  if (body.properties) return JSON.stringify({ ...body, properties: { ...body.properties, ...fields } });
  return JSON.stringify({ ...body, opportunity: { ...body.opportunity, ...fields } });
}
