import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountIdFor } from '../../emulators/jira/index';
import { field, gateSays, openCard, openSection, openTab, provisionAll, saved, viewAs } from './support/panel-page';
import { startPanelSession, type PanelSession } from './support/panel-session';

/**
 * Who signs and who approves, in a real browser (issue 18, points 1, 5 and 7): a shipped
 * example as it is — its sign-offs given by the people it names, each signed in as themselves
 * through the local "Viewing as" switch; its change proposed by the admin, reviewed after a
 * reload (the diff read back from Jira, Approve disabled with why), and approved by its
 * approval owner, Priya Nair. Screenshots 50 onwards in test-results/, light and dark, 800 px.
 */
let session: PanelSession;
let page: Page;
let dark: BrowserContext;
let changeKey = '';
/** Promise 1 of Harbourline moves from 2026-12-18 past the year-end blackout, still before its milestone. */
const MOVED_TO = '2027-01-05';

beforeAll(async () => {
  session = await startPanelSession();
  page = await session.open();
  await page.setViewportSize({ width: 800, height: 900 });
  dark = await session.browser.newContext({ viewport: { width: 800, height: 900 }, colorScheme: 'dark' });
});
afterAll(async () => {
  await session?.close();
});

/** The same page in the dark theme, at the same place, for its screenshot. */
async function darkShot(name: string, show: (page: Page) => Promise<void>): Promise<void> {
  const darkPage = await session.open({ context: dark });
  await darkPage.locator('section.gate').waitFor();
  await show(darkPage);
  await session.shot(darkPage, name);
  await darkPage.close();
}

async function signOff(role: 'sales' | 'operations' | 'delivery'): Promise<void> {
  await openTab(page, 'Sign-offs');
  await expect.poll(() => field(page, `signoffs.${role}`).textContent()).toBe(`You can sign as ${role}.`);
  await page.getByRole('button', { name: `Sign off as ${role}` }).click();
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`field:signoffs.${role}:title`);
}

describe('who signs and who approves', () => {
  it('imports a shipped example as is; as the admin no sign-off is offered, and each card says who may', async () => {
    await page.getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a handoff record' });
    await dialog.getByLabel('An example record').selectOption('harbourline-bank-complaints');
    await expect.poll(() => dialog.getByLabel('Or paste it here').inputValue()).toContain('Harbourline');
    await dialog.getByRole('button', { name: 'Replace and save' }).click();
    await saved(page);
    await gateSays(page, 'Go');

    await openTab(page, 'Sign-offs');
    await expect
      .poll(() => field(page, 'signoffs.operations').textContent())
      .toBe(
        'Only Ops Lead (people.operations-owner) may sign off operations; you are signed in as Handoff Admin. ' +
          'If you should sign, change people.operations-owner.',
      );
    expect(await field(page, 'signoffs.sales').textContent()).toContain('Only Nora Haddad (people.account-owner)');
    for (const role of ['sales', 'operations', 'delivery'])
      expect(await page.getByRole('button', { name: `Sign off as ${role}` }).isDisabled()).toBe(true);
    // No e-mail to type: who signs is who is signed in.
    expect(await page.getByLabel(/Signed by/).count()).toBe(0);
    await session.shot(page, '50-signoffs-as-admin');
    await darkShot('50-signoffs-as-admin-dark', async (p) => {
      await openTab(p, 'Sign-offs');
      await field(p, 'signoffs.operations').getByText('Only Ops Lead').waitFor();
    });
  });

  it('each sign-off is given by its person, switched to locally; history names who clicked and when', async () => {
    await viewAs(page, 'Nora Haddad');
    await signOff('sales');
    await viewAs(page, 'Ops Lead');
    await signOff('operations');
    await viewAs(page, 'Maria Lopez');
    await openTab(page, 'Sign-offs');
    await page.getByRole('radio', { name: 'Ready' }).check();
    await signOff('delivery');
    await session.shot(page, '51-signed-as-maria');
    expect(await gateSays(page, 'Go')).toBe('Ready to provision');

    await openTab(page, 'History');
    const rows = page.getByRole('table', { name: 'Record history' }).locator('tbody tr');
    const details = await rows.locator('td:nth-child(3)').allTextContents();
    expect(details.slice(0, 3)).toEqual([
      `delivery signed off by Maria Lopez (Jira account ${accountIdFor('maria.lopez@vendor.example')}) (ready)`,
      `operations signed off by Ops Lead (Jira account ${accountIdFor('ops.lead@vendor.example')})`,
      `sales signed off by Nora Haddad (Jira account ${accountIdFor('nora.haddad@vendor.example')})`,
    ]);
    await session.shot(page, '52-history-who-clicked');
  });

  it('the admin provisions and proposes; after a reload the diff is there and Approve says why not', async () => {
    await viewAs(page, 'Handoff Admin');
    await provisionAll(page);

    await openTab(page, 'Record');
    await openSection(page, 'Promises');
    await openCard(page, 'promises[0]');
    await field(page, 'promises[0].due').fill(MOVED_TO);
    const toolbar = page.getByRole('toolbar', { name: 'Record' });
    await toolbar.getByRole('button', { name: 'Propose change' }).click();
    const proposal = page.locator('section.proposal');
    await proposal.waitFor({ timeout: 15_000 });
    changeKey = (await proposal.getByRole('heading').getByRole('link').textContent()) ?? '';
    expect(changeKey).toMatch(/^DEL-\d+$/);

    // A fresh load keeps nothing of the proposing session: what shows is read from Jira.
    await page.reload();
    await page.locator('section.gate').waitFor();
    await openTab(page, 'Changes');
    const request = page
      .getByRole('list', { name: 'Change requests' })
      .getByRole('listitem')
      .filter({ hasText: changeKey });
    await request.locator('.change-set').waitFor({ timeout: 15_000 });
    expect(await request.textContent()).toContain(`→ ${MOVED_TO}`);
    expect(await request.textContent()).toContain('Proposed by Handoff Admin');
    const approve = request.getByRole('button', { name: `Approve ${changeKey}` });
    expect(await approve.isDisabled()).toBe(true);
    expect(await request.getByRole('button', { name: `Reject ${changeKey}…` }).isDisabled()).toBe(true);
    expect(await request.locator('.decision .field-hint').textContent()).toBe(
      `Only Priya Nair (the approval owner) may decide on ${changeKey}; Jira knows you as Handoff Admin.`,
    );
    await request.scrollIntoViewIfNeeded();
    await session.shot(page, '53-review-as-admin');
    await darkShot('53-review-as-admin-dark', async (p) => {
      await openTab(p, 'Changes');
      const card = p
        .getByRole('list', { name: 'Change requests' })
        .getByRole('listitem')
        .filter({ hasText: changeKey });
      await card.locator('.change-set').waitFor({ timeout: 15_000 });
      await card.scrollIntoViewIfNeeded();
    });
  });

  it('switched to Priya Nair, the approval owner approves, and the change is applied', async () => {
    await viewAs(page, 'Priya Nair');
    await openTab(page, 'Changes');
    const request = page
      .getByRole('list', { name: 'Change requests' })
      .getByRole('listitem')
      .filter({ hasText: changeKey });
    const approve = request.getByRole('button', { name: `Approve ${changeKey}` });
    await expect.poll(() => approve.isEnabled(), { timeout: 15_000 }).toBe(true);
    await request.scrollIntoViewIfNeeded();
    await session.shot(page, '54-review-as-priya');
    await approve.click();
    await expect.poll(() => request.locator('.lozenge').textContent(), { timeout: 30_000 }).toBe('applied');
    await session.shot(page, '55-applied-by-priya');
  });

  it('the deployed panel carries no trace of the local switch, and nothing failed in the browser', () => {
    const assets = join(process.cwd(), 'static/panel/dist/assets');
    for (const file of readdirSync(assets))
      expect(readFileSync(join(assets, file), 'utf8'), file).not.toMatch(/viewing-as|Viewing as/);
    expect(session.pageErrors).toEqual([]);
  });
});
