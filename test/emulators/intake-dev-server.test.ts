import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../src/dev-server/index';
import { createIntakeStore } from '../../src/forge/intake/intake-store';
import {
  HUBSPOT_SECRET,
  SALESFORCE_SECRET,
  intakeFixture,
  signedHubspot,
  signedSalesforce,
  withDealFields,
} from '../support/intake-signing';
import { DEFAULT_MAPPING } from '../../src/domain/intake/mapping';
import type { WebTriggerRequest } from '../../src/forge/web-trigger';

let server: DevServer;
beforeAll(async () => {
  const dist = mkdtempSync(join(tmpdir(), 'handoff-intake-panel-'));
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><script type="module" src="./assets/panel.js"></script>');
  writeFileSync(join(dist, 'assets/panel.js'), 'export {};\n');
  server = await startDevServer({
    port: 0,
    jiraPort: 0,
    asanaPort: 0,
    asanaAppPort: 0,
    intakePort: 0,
    dataDir: mkdtempSync(join(tmpdir(), 'handoff-intake-dev-')),
    fresh: true,
    today: '2026-12-01',
    distDir: dist,
    hubspotSecret: HUBSPOT_SECRET,
    salesforceSecret: SALESFORCE_SECRET,
    log: () => {},
  });
});
afterAll(() => server.close());

/** Sends a signed request to the dev server's intake port, as the CRM would over the network. */
async function post(path: string, request: WebTriggerRequest): Promise<Response> {
  const headers = Object.fromEntries(
    Object.entries(request.headers ?? {}).map(([name, values]) => [name, [values ?? []].flat().join(',')]),
  );
  return fetch(`${server.intake.origin}${path}`, { method: 'POST', headers, body: request.body });
}

describe('dev server: the CRM intake on its own port', () => {
  it('serves /intake/hubspot and /intake/salesforce; signed deals become drafts, a bad signature 401', async () => {
    const hubspotBody = intakeFixture('hubspot-closed-won.json');
    const hubspot = await post(
      '/intake/hubspot',
      signedHubspot(hubspotBody, Date.now(), { uri: `${server.intake.origin}/intake/hubspot` }),
    );
    expect(hubspot.status).toBe(200);
    const salesforce = await post(
      '/intake/salesforce',
      signedSalesforce(intakeFixture('salesforce-closed-won.json'), Date.now()),
    );
    expect(salesforce.status).toBe(200);
    const forged = await post('/intake/hubspot', signedHubspot(hubspotBody, Date.now(), { secret: 'guess' }));
    expect(forged.status).toBe(401);
    expect((await fetch(`${server.intake.origin}/intake/zoho`, { method: 'POST' })).status).toBe(404);
    await server.intake.queue.idle();
    const drafts = await createIntakeStore(server.forge.deps.kvs).drafts();
    expect(drafts.map((d) => d.recordId).sort()).toEqual(['hubspot-9876543210', 'salesforce-0065g00000xyzabaab']);
  });
});

describe('dev server: the deal write-back to the local HubSpot and Salesforce', () => {
  it('once the project saved its mapping, a won deal gets the Handoff link, read back by a GET', async () => {
    const saved = await server.forge.invoke('saveIntakeMapping', { mapping: DEFAULT_MAPPING });
    expect(saved).toMatchObject({ ok: true });
    const body = withDealFields('hubspot-closed-won.json', { closedate: '2026-12-05T10:00:00.000Z' });
    const uri = `${server.intake.origin}/intake/hubspot`;
    expect((await post('/intake/hubspot', signedHubspot(body, Date.now(), { uri }))).status).toBe(200);
    await server.intake.queue.idle();
    const deal = await fetch(`${server.intake.hubspot.url}/crm/v3/objects/deals/9876543210`, {
      headers: { authorization: 'Bearer pat-local-handoff' },
    });
    expect(await deal.json()).toMatchObject({ properties: { handoff_link: `${server.url}/` } });
  });
});
