import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAsana } from './support/asana-panel';
import { startPanelSession, type PanelSession } from './support/panel-session';

/**
 * Issue 19, point 2, in Chromium against what `npm start` runs: the project settings page's
 * Asana connection. The local admin (a project admin) connects their local Asana account through
 * its consent page and switches where the project's records are provisioned to an Asana team;
 * screenshots light and dark at 800 px (test-results/settings-asana-*).
 */
let session: PanelSession;
let page: Page;

async function openSettings(colorScheme: 'light' | 'dark'): Promise<Page> {
  const context = await session.browser.newContext({ viewport: { width: 800, height: 1100 }, colorScheme });
  const opened = await session.open({ context });
  await opened.goto(`${session.server.url}/?module=settings`);
  await opened.getByRole('heading', { name: 'Asana connection' }).waitFor();
  return opened;
}

beforeAll(async () => {
  session = await startPanelSession();
  page = await openSettings('light');
});
afterAll(async () => {
  await session?.close();
});

describe('project settings, Asana connection', () => {
  it('says the admin is not connected, where records go, and that background work can reach Asana', async () => {
    const section = page.locator('section', { has: page.getByRole('heading', { name: 'Asana connection' }) });
    await section.getByRole('button', { name: 'Connect Asana' }).waitFor();
    await expect.poll(() => section.getByTestId('target-name').textContent()).toBe('DEL, this Jira project');
    // `npm start` wires the local background grant, as an admin's encrypted variables would.
    expect(await section.getByTestId('asana-background').textContent()).toContain(
      "Background work can act in Asana: the app's Asana grant is set",
    );
    await section.scrollIntoViewIfNeeded();
    await session.shot(page, 'settings-asana-1-not-connected-light');
  });

  it("connects the admin's Asana account through Asana's consent page", async () => {
    await connectAsana(page, 'Handoff Admin (admin@handoff.local)');
    await page.getByText('Connected to Asana as Handoff Admin.').waitFor();
    expect(await page.getByRole('button', { name: 'Connect Asana' }).count()).toBe(0);
  });

  it('switches the target to an Asana team, by name', async () => {
    await page.getByRole('radio', { name: 'An Asana team' }).check();
    const workspace = page.getByLabel('Workspace', { exact: true });
    await expect.poll(() => workspace.locator('option').count()).toBeGreaterThan(1);
    await workspace.selectOption({ index: 1 });
    await page.getByLabel('Team', { exact: true }).selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Provision in this Asana team' }).click();
    await expect.poll(() => page.getByTestId('target-name').textContent()).toMatch(/^Asana · \S/);
    await page.getByTestId('target-name').scrollIntoViewIfNeeded();
    await session.shot(page, 'settings-asana-2-asana-team-light');
    // The Handoff page's card says the same: one target, whichever page changed it.
    await page.goto(session.server.url);
    await page.getByRole('tab', { name: 'Provision' }).click();
    await expect.poll(() => page.getByTestId('target-name').textContent()).toMatch(/^Asana · \S/);
  });

  it('dark, at 800 px: the section as the admin sees it now', async () => {
    const dark = await openSettings('dark');
    await expect.poll(() => dark.getByTestId('target-name').textContent()).toMatch(/^Asana · \S/);
    await dark.getByTestId('target-name').scrollIntoViewIfNeeded();
    await session.shot(dark, 'settings-asana-3-asana-team-dark');
    expect(session.pageErrors).toEqual([]);
  });

  it('a member who is no project admin sees where records go, read-only, and why', async () => {
    const viewingAs = page.getByLabel('Viewing as');
    const priya = await viewingAs.locator('option', { hasText: /^Priya Nair · / }).getAttribute('value');
    await page.goto(`${session.server.url}/?module=settings`);
    await Promise.all([page.waitForEvent('load'), viewingAs.selectOption(priya ?? '')]);
    await page.getByRole('heading', { name: 'Asana connection' }).waitFor();
    await page.getByText('Only administrators of DEL may change where its handoff records are provisioned.').waitFor();
    expect(await page.getByTestId('target-name').textContent()).toMatch(/^Asana · \S/);
    expect(await page.getByRole('radio', { name: 'An Asana team' }).count()).toBe(0);
    // Her own Asana account is hers to connect, admin or not.
    await page.getByRole('button', { name: 'Connect Asana' }).waitFor();
    await page.getByTestId('target-name').scrollIntoViewIfNeeded();
    await session.shot(page, 'settings-asana-4-member-read-only-light');
  });
});
