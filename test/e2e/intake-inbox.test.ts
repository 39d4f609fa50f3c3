import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPanelSession, type PanelSession } from './support/panel-session';
import { HUBSPOT_SECRET, intakeFixture, signedHubspot } from '../support/intake-signing';

/** A closed-won HubSpot deal, signed and posted to the dev server's intake, waits in the panel's inbox as a draft. */
let session: PanelSession;

beforeAll(async () => {
  session = await startPanelSession({ hubspotSecret: HUBSPOT_SECRET, asanaAppPort: 0 });
  const { intake } = session.server;
  const request = signedHubspot(intakeFixture('hubspot-closed-won.json'), Date.now(), {
    uri: `${intake.origin}/intake/hubspot`,
  });
  const headers = Object.fromEntries(
    Object.entries(request.headers ?? {}).map(([name, values]) => [name, [values ?? []].flat().join(',')]),
  );
  const response = await fetch(`${intake.origin}/intake/hubspot`, { method: 'POST', headers, body: request.body });
  expect(response.status).toBe(200);
  await intake.queue.idle();
});
afterAll(async () => {
  await session?.close();
});

async function openAt800(colorScheme: 'light' | 'dark'): Promise<Page> {
  const context = await session.browser.newContext({ viewport: { width: 800, height: 900 }, colorScheme });
  const page = await session.open({ context });
  await page.getByRole('heading', { level: 2, name: 'Inbox: 1 draft from the CRM' }).waitFor();
  return page;
}

describe('the CRM inbox', () => {
  it('shows the draft, what came from where, and hands it to the editor where the gate applies', async () => {
    const page = await openAt800('light');
    await page.getByRole('button', { name: 'Northwind Freight — fleet tracking' }).click();
    const draft = page.getByRole('article', { name: 'Draft Northwind Freight — fleet tracking' });
    await draft.getByRole('heading', { name: 'What came from where' }).waitFor();
    expect(await draft.getByRole('row', { name: /customer\.company HubSpot associated company/ }).count()).toBe(1);
    expect(await draft.getByRole('link', { name: 'Open the deal in HubSpot' }).getAttribute('href')).toBe(
      'https://app.hubspot.com/contacts/62515/record/0-3/9876543210',
    );
    await session.shot(page, '90-intake-inbox-light');

    await draft.getByRole('button', { name: 'Complete it in the editor' }).click();
    expect(await page.getByTestId('save-state').textContent()).toMatch(/^Unsaved changes/);
    await session.shot(page, '91-intake-draft-in-editor');
    expect(session.pageErrors).toEqual([]);
  });

  it('reads in dark mode too', async () => {
    const page = await openAt800('dark');
    await page.getByRole('button', { name: 'Northwind Freight — fleet tracking' }).click();
    await page.getByRole('heading', { name: 'What came from where' }).waitFor();
    await session.shot(page, '92-intake-inbox-dark');
    expect(session.pageErrors).toEqual([]);
  });
});
