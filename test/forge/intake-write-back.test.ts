import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_PROJECT_KEY, type LocalJira } from '../../emulators/jira/index';
import { startHubspot, type LocalHubspot } from '../../emulators/hubspot/index';
import { startSalesforce, type LocalSalesforce } from '../../emulators/salesforce/index';
import { DEFAULT_MAPPING } from '../../src/domain/intake/mapping';
import { dealLinksFrom } from '../../src/forge/intake/write-back/links-from-env';
import { closeJira, createForgeApp, okValue, startJira, type ForgeApp } from './support/forge-harness';
import { intakeOf, NO_LINKS } from './support/intake-harness';
import { intakeFixture, signedHubspot, signedSalesforce, withDealFields } from '../support/intake-signing';

let jira: LocalJira;
const open: Array<{ close(): Promise<void> }> = [];
beforeAll(async () => {
  jira = await startJira();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
afterAll(() => closeJira(jira));

const TOKEN = 'pat-test';
const CLIENT = { clientId: 'test-connected-app', clientSecret: 'test-consumer-secret' };

/** The app with the project's mapping saved (its site is where the link points) and the stand-ins wired in. */
async function wired(app: ForgeApp, crms: { hubspot?: LocalHubspot; salesforce?: LocalSalesforce }) {
  okValue(await app.call('saveIntakeMapping', { mapping: DEFAULT_MAPPING }), z.unknown());
  const env = {
    HANDOFF_HUBSPOT_TOKEN: TOKEN,
    HANDOFF_SALESFORCE_DOMAIN: crms.salesforce?.url,
    HANDOFF_SALESFORCE_CLIENT_ID: CLIENT.clientId,
    HANDOFF_SALESFORCE_CLIENT_SECRET: CLIENT.clientSecret,
  };
  let tokenRequests = 0;
  const http: typeof fetch = (input, init) => {
    if (String(input).endsWith('/services/oauth2/token')) tokenRequests += 1;
    return fetch(input, init);
  };
  const links = dealLinksFrom(() => env, http, NO_LINKS.pageUrl, crms.hubspot?.url);
  return { intake: intakeOf(app, { links }), tokenRequests: () => tokenRequests };
}
const PAGE = (app: ForgeApp) => NO_LINKS.pageUrl(app.jira.url, DEMO_PROJECT_KEY);

describe('deal write-back: the handoff link on the deal, from the intake queue consumer', () => {
  it('HubSpot: the deal property holds the link; the same event again writes the same value', async () => {
    const app = createForgeApp(jira);
    const hubspot = await startHubspot({ token: TOKEN, clock: { now: app.deps.now } });
    open.push(hubspot);
    const { intake } = await wired(app, { hubspot });
    await intake.hubspot(signedHubspot(intakeFixture('hubspot-closed-won.json'), app.deps.now()));
    await intake.drain();
    expect(hubspot.deal('9876543210')?.handoff_link).toBe(PAGE(app));
    const [draft] = await intake.store.drafts();
    expect(draft?.writeBack).toEqual({ ok: true, url: PAGE(app) });
    // Delivered again (at least once): the draft is not made twice, the same value is written again.
    expect(await intake.redeliver({ kind: 'intake', rawKey: draft?.rawKey }, 1)).toBeUndefined();
    expect(await intake.store.drafts()).toEqual([draft]);
    expect(hubspot.deal('9876543210')?.handoff_link).toBe(PAGE(app));
  });

  it('HubSpot without the property: the draft is kept and says which setting to fix', async () => {
    const app = createForgeApp(jira);
    const hubspot = await startHubspot({ token: TOKEN, properties: [], clock: { now: app.deps.now } });
    open.push(hubspot);
    const { intake } = await wired(app, { hubspot });
    await intake.hubspot(signedHubspot(intakeFixture('hubspot-closed-won.json'), app.deps.now()));
    expect(await intake.drain()).toEqual([undefined]);
    const inbox = okValue(
      await app.call('intakeInbox', {}),
      z.object({ drafts: z.array(z.object({ recordId: z.string(), linkNotWritten: z.string().nullable() })) }),
    );
    expect(inbox.drafts).toEqual([
      {
        recordId: 'hubspot-9876543210',
        linkNotWritten:
          'HubSpot has no deal property handoff_link: create it (single-line text) in HubSpot, ' +
          'or set HANDOFF_HUBSPOT_LINK_PROPERTY to the property that holds the link.',
      },
    ]);
  });

  it('HubSpot 429 (private app burst limit per 10 s, no Retry-After): one interval waited out', async () => {
    const app = createForgeApp(jira);
    const hubspot = await startHubspot({ token: TOKEN, burstLimit: 1, clock: { now: app.deps.now } });
    open.push(hubspot);
    const { intake } = await wired(app, { hubspot });
    // Someone else's request used the window up.
    await fetch(`${hubspot.url}/crm/v3/objects/deals/1`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const before = app.deps.now();
    await intake.hubspot(signedHubspot(intakeFixture('hubspot-closed-won.json'), app.deps.now()));
    await intake.drain();
    expect(hubspot.deal('9876543210')?.handoff_link).toBe(PAGE(app));
    expect(app.deps.now() - before).toBeGreaterThanOrEqual(10_000);
  });

  it('Salesforce: an expired token brings one new token, and the Opportunity field holds the link', async () => {
    const app = createForgeApp(jira);
    const salesforce = await startSalesforce({ ...CLIENT, clock: { now: app.deps.now } });
    open.push(salesforce);
    const { intake, tokenRequests } = await wired(app, { salesforce });
    await intake.salesforce(signedSalesforce(intakeFixture('salesforce-closed-won.json'), app.deps.now()));
    await intake.drain();
    expect(salesforce.opportunity('0065g00000XyZabAAB')?.Handoff_Link__c).toBe(PAGE(app));
    salesforce.expireSessions();
    const later = withDealFields('salesforce-closed-won.json', { Id: '0065g00000XyZabAAC', CloseDate: '2026-12-02' });
    await intake.salesforce(signedSalesforce(later, app.deps.now()));
    await intake.drain();
    expect(salesforce.opportunity('0065g00000XyZabAAC')?.Handoff_Link__c).toBe(PAGE(app));
    expect(tokenRequests()).toBe(2);
  });

  it('Salesforce without the field: INVALID_FIELD becomes the setting to fix on the draft', async () => {
    const app = createForgeApp(jira);
    const salesforce = await startSalesforce({ ...CLIENT, fields: [], clock: { now: app.deps.now } });
    open.push(salesforce);
    const { intake } = await wired(app, { salesforce });
    await intake.salesforce(signedSalesforce(intakeFixture('salesforce-closed-won.json'), app.deps.now()));
    await intake.drain();
    const [draft] = await intake.store.drafts();
    expect(draft?.writeBack).toEqual({
      ok: false,
      reason:
        "Salesforce's Opportunity has no field Handoff_Link__c: create it (URL) in Salesforce, " +
        'or set HANDOFF_SALESFORCE_LINK_FIELD to the field that holds the link.',
    });
  });
});
