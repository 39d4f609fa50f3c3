import { NO_LINKS } from './support/intake-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { PushEvent } from '@forge/events';
import type { LocalJira } from '../../emulators/jira/index';
import { createIntakeTrigger, type IntakeDeps } from '../../src/forge/intake/webtrigger';
import { createIntakeConsumer } from '../../src/forge/intake/intake-consumer';
import { closeJira, createForgeApp, startJira } from './support/forge-harness';
import {
  HUBSPOT_SECRET,
  HUBSPOT_URL,
  SALESFORCE_SECRET,
  signedHubspot,
  signedSalesforce,
} from '../support/intake-signing';

let jira: LocalJira;
beforeAll(async () => {
  jira = await startJira();
});
afterAll(() => closeJira(jira));

/** A value a CRM field might hold, or something it never should. */
const fieldValue = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.constant(null),
  fc.constantFrom('closedwon', 'default', 'Closed Won', 'existingbusiness', '2026-12-01', '1796637600000', '  '),
  fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }),
);
const crmObject = fc.record({
  id: fc.oneof(fc.string(), fc.integer()),
  properties: fc.dictionary(fc.constantFrom('name', 'email', 'firstname', 'quantity', 'description'), fieldValue),
  associationTypes: fc.array(
    fc.record({ label: fc.oneof(fc.string(), fc.constant(null), fc.constant('Decision maker')) }),
  ),
});
const hubspotBody = fc.record(
  {
    portalId: fc.oneof(fc.integer(), fc.string(), fc.constant(null)),
    objectId: fc.oneof(fc.integer(), fc.string()),
    properties: fc.dictionary(
      fc.constantFrom('dealname', 'dealstage', 'pipeline', 'closedate', 'amount', 'dealtype', 'hs_lastmodifieddate'),
      fieldValue,
    ),
    associations: fc.oneof(
      fc.record({ companies: fc.array(crmObject), contacts: fc.array(crmObject), line_items: fc.array(crmObject) }),
      fc.jsonValue(),
    ),
    owner: fc.oneof(fc.record({ email: fc.oneof(fc.string(), fc.emailAddress()) }), fc.jsonValue()),
  },
  { requiredKeys: [] },
);
const salesforceBody = fc.record(
  {
    organizationId: fc.oneof(fc.string(), fc.integer()),
    instanceUrl: fc.oneof(fc.webUrl(), fc.string()),
    opportunity: fc.record(
      {
        Id: fc.oneof(fc.string({ minLength: 1 }), fc.integer()),
        StageName: fc.oneof(fc.constant('Closed Won'), fc.string()),
        Name: fieldValue,
        CloseDate: fieldValue,
        Type: fieldValue,
        Account: fc.oneof(fc.record({ Name: fieldValue }), fc.jsonValue()),
        Owner: fc.oneof(fc.record({ Email: fieldValue }), fc.jsonValue()),
        LastModifiedDate: fieldValue,
      },
      { requiredKeys: [] },
    ),
    lineItems: fc.oneof(
      fc.array(fc.record({ Id: fc.string(), Name: fieldValue, Quantity: fc.oneof(fc.double(), fc.integer()) })),
      fc.jsonValue(),
    ),
    contactRoles: fc.oneof(
      fc.array(fc.record({ ContactId: fc.string(), Role: fieldValue, Contact: fc.jsonValue() })),
      fc.jsonValue(),
    ),
  },
  { requiredKeys: [] },
);
/** Bodies: shaped like a deal with wrong parts, any JSON, or any text at all. */
const body = (shaped: fc.Arbitrary<unknown>) =>
  fc.oneof(
    shaped.map((v) => JSON.stringify(v)),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.string(),
  );

describe('intake endpoint fuzz: whatever arrives, it answers and never crashes', () => {
  function setup() {
    const app = createForgeApp(jira);
    const queued: PushEvent[] = [];
    const deps: IntakeDeps = {
      kvs: app.deps.kvs,
      queue: {
        async push(events) {
          queued.push(...[events].flat());
          return { jobId: 'job' };
        },
      },
      now: app.deps.now,
      log: () => undefined,
      secret: (crm) => (crm === 'hubspot' ? HUBSPOT_SECRET : SALESFORCE_SECRET),
      publicUrl: async () => HUBSPOT_URL,
    };
    return { app, queued, deps, consumer: createIntakeConsumer(app.deps, NO_LINKS) };
  }
  const ANSWERS = [200, 400, 401, 405, 413];

  it('signed HubSpot bodies of every shape: an answer from the list, never 503 (a crash) with storage up', async () => {
    const { app, queued, deps, consumer } = setup();
    const trigger = createIntakeTrigger(deps, 'hubspot');
    await fc.assert(
      fc.asyncProperty(body(hubspotBody), async (text) => {
        const response = await trigger(signedHubspot(text, app.deps.now()));
        expect(ANSWERS).toContain(response.statusCode);
        for (let event = queued.shift(); event; event = queued.shift())
          expect(await consumer({ body: event.body })).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('signed Salesforce bodies of every shape, likewise', async () => {
    const { app, queued, deps, consumer } = setup();
    const trigger = createIntakeTrigger(deps, 'salesforce');
    await fc.assert(
      fc.asyncProperty(body(salesforceBody), async (text) => {
        const response = await trigger(signedSalesforce(text, app.deps.now()));
        expect(ANSWERS).toContain(response.statusCode);
        for (let event = queued.shift(); event; event = queued.shift())
          expect(await consumer({ body: event.body })).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('unsigned or mangled requests (any method, headers, body) are refused and store nothing', async () => {
    const { deps, app } = setup();
    const triggers = [createIntakeTrigger(deps, 'hubspot'), createIntakeTrigger(deps, 'salesforce')];
    const headerValue = fc.oneof(fc.string(), fc.array(fc.string()), fc.constant(undefined));
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            method: fc.oneof(fc.constantFrom('POST', 'GET', 'post'), fc.string()),
            body: fc.oneof(fc.string(), fc.constant(undefined)),
            headers: fc.dictionary(
              fc.oneof(
                fc.constantFrom(
                  'x-hubspot-signature-v3',
                  'X-HubSpot-Request-Timestamp',
                  'x-handoff-signature',
                  'x-handoff-timestamp',
                ),
                fc.string(),
              ),
              headerValue,
            ),
            userPath: fc.oneof(fc.string(), fc.constant(undefined)),
            queryParameters: fc.dictionary(fc.string(), fc.array(fc.string())),
          },
          { requiredKeys: [] },
        ),
        fc.nat(1),
        async (request, which) => {
          const response = await triggers[which]?.(request);
          expect([401, 405]).toContain(response?.statusCode);
        },
      ),
      { numRuns: 300 },
    );
    const stored = await app.deps.kvs
      .query()
      .where('key', { condition: 'BEGINS_WITH', values: ['intake-'] })
      .limit(10)
      .getMany();
    expect(stored.results).toEqual([]);
  });
});
