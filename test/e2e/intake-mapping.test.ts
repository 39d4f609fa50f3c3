import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPanelSession, type PanelSession } from './support/panel-session';

/** The CRM intake mapping on the project settings page: a form per CRM, saved by a project admin only. */
let session: PanelSession;
beforeAll(async () => {
  session = await startPanelSession({ asanaAppPort: 0 });
});
afterAll(async () => {
  await session?.close();
});

async function settingsAt800(colorScheme: 'light' | 'dark'): Promise<Page> {
  const context = await session.browser.newContext({ viewport: { width: 800, height: 900 }, colorScheme });
  const page = await context.newPage();
  page.on('pageerror', (error) => session.pageErrors.push(`pageerror: ${error.message}`));
  await page.goto(`${session.server.url}/?module=settings`);
  await page.getByRole('heading', { name: 'CRM intake' }).waitFor();
  return page;
}
async function viewAs(page: Page, name: string) {
  const select = page.getByLabel('Viewing as', { exact: true });
  const value = await select.locator('option', { hasText: `${name} · ` }).getAttribute('value');
  await Promise.all([page.waitForEvent('load'), select.selectOption(value ?? '')]);
  await page.getByRole('heading', { name: 'CRM intake' }).waitFor();
}

describe('the CRM intake mapping editor', () => {
  it('an admin edits a field name and a stage, saves, reloads and sees them; a member reads it only', async () => {
    const page = await settingsAt800('light');
    await viewAs(page, 'Handoff Admin');
    const hubspot = page.getByRole('group', { name: 'HubSpot' });
    await hubspot.getByLabel('Deal name').fill('deal_title');
    await hubspot.getByLabel('Stage id').first().fill('won_stage');
    await page.getByRole('button', { name: 'Save the intake mapping' }).click();
    await page.getByText('The intake mapping saved.').waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'CRM intake' }).waitFor();
    const again = page.getByRole('group', { name: 'HubSpot' });
    expect(await again.getByLabel('Deal name').inputValue()).toBe('deal_title');
    expect(await again.getByLabel('Stage id').first().inputValue()).toBe('won_stage');
    await again.scrollIntoViewIfNeeded();
    await session.shot(page, '95-intake-mapping-admin-light');

    const dark = await settingsAt800('dark');
    await dark.getByRole('group', { name: 'HubSpot' }).scrollIntoViewIfNeeded();
    await session.shot(dark, '95-intake-mapping-admin-dark');

    await viewAs(page, 'Maria Lopez');
    await page.getByText('Only a project administrator can change the intake mapping.').waitFor();
    expect(await page.getByRole('group', { name: 'HubSpot' }).getByLabel('Deal name').getAttribute('readonly')).toBe(
      '',
    );
    expect(await page.getByRole('button', { name: 'Save the intake mapping' }).count()).toBe(0);
    await page.getByRole('group', { name: 'HubSpot' }).scrollIntoViewIfNeeded();
    await session.shot(page, '96-intake-mapping-read-only');
    expect(session.pageErrors).toEqual([]);
  });
});
