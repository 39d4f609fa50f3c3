import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editAcmeForAChange, openTab, saved, viewAs } from './support/panel-page';
import { chooseAsanaTeam, connectAsana, provisionInAsana } from './support/asana-panel';
import { startPanelSession, type PanelSession } from './support/panel-session';

/**
 * Issue 17, change control on an Asana target, in Chromium against what `npm start` runs: the
 * lead (the local admin) provisions Acme in the local Asana, proposes a change on the page, Priya
 * (Acme's approval owner) approves it in the panel as herself, the queue applies it, the history
 * says so, and the created task and the record's project open in the local Asana from the panel's
 * links. Screenshots 84 to 90 in test-results/, light and dark, 800 px wide.
 */
let session: PanelSession;
let page: Page;
let asanaWeb = '';
let changeKey = '';

const ADDED = 'Weekly depot rollout status e-mail';

beforeAll(async () => {
  session = await startPanelSession();
  asanaWeb = new URL(session.server.asana.url).origin;
  const context = await session.browser.newContext({ viewport: { width: 800, height: 900 } });
  page = await session.open({ context });
  await page.locator('section.gate').waitFor();
});
afterAll(async () => {
  await session?.close();
});

/** The change request's entry in the Changes tab's list. */
const request = () =>
  page.getByRole('list', { name: 'Change requests' }).getByRole('listitem').filter({ hasText: changeKey });

describe('a change to a record provisioned in Asana, proposed and approved from the Jira panel', () => {
  it('the lead provisions Acme (approval owner Priya) in an Asana team', async () => {
    await page.getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a handoff record' });
    await dialog.getByLabel('An example record').selectOption('acme-onboarding');
    await expect
      .poll(() => dialog.getByLabel('Or paste it here').inputValue())
      .toContain('approval-owner: priya.nair@vendor.example');
    await dialog.getByRole('button', { name: 'Replace and save' }).click();
    await saved(page);

    await openTab(page, 'Provision');
    await page.getByRole('radio', { name: 'An Asana team' }).check();
    await connectAsana(page, 'Handoff Admin (admin@handoff.local)');
    await page.getByText('Connected to Asana as Handoff Admin.').waitFor();
    await chooseAsanaTeam(page);
    await provisionInAsana(page);
  });

  it("links the record's project to its page in the local Asana, which lists its tasks", async () => {
    const project = page.getByTestId('provisioned-line').getByRole('link', { name: 'Open the project in Asana' });
    const href = (await project.getAttribute('href')) ?? '';
    expect(href).toMatch(new RegExp(`^${asanaWeb}/0/\\d+/list$`));
    // The results' first row is the parent item: the same project, not a task.
    const parentRow = page.getByRole('row').filter({ hasText: 'Handoff: Acme Logistics onboarding' });
    expect(await parentRow.locator('a.issue-key').getAttribute('href')).toBe(href);
    const projectPage = await page.context().newPage();
    await projectPage.goto(href);
    await projectPage.getByRole('heading', { level: 1, name: /Acme Logistics onboarding/ }).waitFor();
    await projectPage.getByRole('link', { name: 'SSO with Azure AD before the pilot' }).waitFor();
    await session.shot(projectPage, '84-asana-project-page');
    await projectPage.close();
  });

  it('the lead edits the provisioned record and proposes the change: a change-request task in Asana', async () => {
    await editAcmeForAChange(page, ADDED);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByRole('toolbar', { name: 'Record' }).getByRole('button', { name: 'Propose change' }).click();

    const proposal = page.locator('section.proposal');
    await proposal.waitFor({ timeout: 15_000 });
    const link = proposal.getByRole('heading').getByRole('link');
    changeKey = (await link.textContent()) ?? '';
    expect(changeKey).toMatch(/^\d+$/);
    expect(await link.getAttribute('href')).toBe(`${asanaWeb}/0/0/${changeKey}`);
    await request().locator('.change-set').waitFor({ timeout: 15_000 });
    expect(await request().textContent()).toContain(ADDED);
    await session.shot(page, '85-asana-change-proposed-light');
  });

  it('Priya, the approval owner, connects her own Asana account and approves it; the queue applies it', async () => {
    await viewAs(page, 'Priya Nair');
    // Not connected to Asana yet, she still sees go or not yet: the record's own gate, which says so.
    await page.getByTestId('gate-not-looked-up').waitFor();
    expect(await page.getByTestId('gate-summary').textContent()).toBe('Provisioned');
    // The target is fixed, and she acts in Asana as herself: the card asks her to connect.
    await openTab(page, 'Provision');
    await session.shot(page, '86-asana-connect-to-approve-light');
    await connectAsana(page, 'Priya Nair (priya.nair@vendor.example)');
    await page.getByRole('heading', { name: 'Connect your Asana account' }).waitFor({ state: 'detached' });
    await page.reload();
    await page.locator('section.gate:not(.gate-loading)').waitFor();
    expect(await page.getByTestId('gate-not-looked-up').count()).toBe(0);
    await openTab(page, 'Changes');
    const approve = request().getByRole('button', { name: `Approve ${changeKey}` });
    await approve.waitFor({ timeout: 15_000 });
    await session.shot(page, '87-asana-change-to-approve-light');
    await approve.click();
    await expect.poll(() => request().locator('.lozenge').textContent(), { timeout: 30_000 }).toBe('applied');
  });

  it('the history says proposed → approved → applied, by whom', async () => {
    const history = page.getByRole('table', { name: 'Change history' });
    await expect
      .poll(async () => (await history.locator('tbody tr td:nth-child(2)').allTextContents()).join(' → '))
      .toBe('proposed → approved → applied');
    const text = (await history.textContent()) ?? '';
    expect(text).toContain('Priya Nair');
    expect(text).not.toMatch(/Jira/);
    await page.locator('#change-history-title').scrollIntoViewIfNeeded();
    await session.shot(page, '88-asana-change-history-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await session.shot(page, '89-asana-change-history-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('the created task opens in the local Asana from the Plan', async () => {
    await openTab(page, 'Plan');
    const row = page.getByRole('row').filter({ hasText: ADDED });
    const href = (await row.locator('a.issue-key').getAttribute('href')) ?? '';
    expect(href).toMatch(new RegExp(`^${asanaWeb}/0/0/\\d+$`));
    const task = await page.context().newPage();
    await task.goto(href);
    await task.getByRole('heading', { level: 1, name: ADDED }).waitFor();
    expect(await task.locator('dl').textContent()).toContain('2027-01-15');
    await session.shot(task, '90-asana-created-task-page');
    await task.close();
  });

  it('ran without a console error or an uncaught exception', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
