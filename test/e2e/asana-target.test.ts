import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAsanaAsAdmin, gateSays, importAcmeApprovedByAdmin, openTab } from './support/panel-page';
import { startPanelSession, type PanelSession } from './support/panel-session';

/**
 * Issue 17's "done when", in Chromium against what `npm start` runs: a lead connects the local
 * Asana (its consent page, in the window the page opens, as Forge's consent would be), switches
 * the record's target to an Asana team, provisions it, and opens a created task. Screenshots 80
 * onwards in test-results/.
 */
let session: PanelSession;
let page: Page;

beforeAll(async () => {
  session = await startPanelSession();
  const context = await session.browser.newContext({ viewport: { width: 800, height: 900 } });
  page = await session.open({ context });
  await page.locator('section.gate').waitFor();
});
afterAll(async () => {
  await session?.close();
});

describe('a record provisioned in Asana from the Jira panel', () => {
  it('says where it goes: this Jira project, until another target is chosen', async () => {
    await importAcmeApprovedByAdmin(page);
    await openTab(page, 'Provision');
    await expect.poll(() => page.getByTestId('target-name').textContent()).toBe('DEL, this Jira project');
    await page.getByRole('radio', { name: 'An Asana team' }).check();
    await page.getByRole('button', { name: 'Connect Asana' }).waitFor();
    await session.shot(page, '80-asana-connect-light');
  });

  it("connects the lead's Asana account through Asana's consent page", async () => {
    await connectAsanaAsAdmin(page);
  });

  it('switches the target to an Asana team, and the gate looks people up in Asana', async () => {
    const workspace = page.getByLabel('Workspace', { exact: true });
    await expect.poll(() => workspace.locator('option').count()).toBeGreaterThan(1);
    await workspace.selectOption({ index: 1 });
    const team = page.getByLabel('Team', { exact: true });
    await team.selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Provision in this Asana team' }).click();
    await expect.poll(() => page.getByTestId('target-name').textContent()).toMatch(/^Asana · /);
    await gateSays(page, 'Go');
    await session.shot(page, '81-asana-target-chosen-light');
  });

  it('provisions it: every item a task, each result a link that opens the task in Asana', async () => {
    await page.getByRole('button', { name: /^Provision \d+ tasks in Asana · / }).click();
    await page.getByTestId('results-summary').waitFor({ timeout: 30_000 });
    await page.getByText(/^\d+ tasks in Asana · Delivery,/).waitFor();
    await page.getByText(/its items stay there, so the target is fixed/).waitFor();
    // A task's row (the first is the project itself, which Asana opens as a project).
    const row = page.getByRole('row').filter({ hasText: 'SSO with Azure AD before the pilot' });
    const href = await row.locator('a.issue-key').getAttribute('href');
    expect(href).toMatch(new RegExp(`^${new URL(session.server.asana.url).origin}/0/0/\\d+$`));
    await session.shot(page, '82-asana-provisioned-light');
    const task = await page.context().newPage();
    await task.goto(href ?? '');
    await task.getByText('SSO with Azure AD before the pilot').first().waitFor();
    await session.shot(task, '83-asana-task-page');
    await task.close();
  });

  it('keeps the target once provisioned, and says why', async () => {
    await page.reload();
    await openTab(page, 'Provision');
    await page.getByText(/its items stay there, so the target is fixed/).waitFor();
    expect(await page.getByRole('radio', { name: 'An Asana team' }).count()).toBe(0);
  });
});
