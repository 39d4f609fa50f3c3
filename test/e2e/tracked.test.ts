import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LOCAL_ADMIN } from '../../emulators/jira/seed';
import { gateSays, importAcmeApprovedByAdmin, openSection, openTab, provisionAll } from './support/panel-page';
import { startPanelSession, type PanelSession } from './support/panel-session';

/**
 * What the tracker says, in a real browser at 800 px (a Jira project page's width), light and
 * dark: a provisioned record names who provisioned it, the Plan and the Summary carry each
 * item's issue and its status from Jira (refreshed when it moves there), and removing a
 * provisioned promise asks why — the reason the proposal and its Jira change request carry.
 * Screenshots 60 onwards in test-results/.
 */
let session: PanelSession;
let page: Page;
const SSO = 'SSO with Azure AD before the pilot';
const TRAINING = 'Two recorded admin training sessions';
const REASON = 'The customer trains its admins itself with our written guide';

const auth = {
  authorization: `Basic ${Buffer.from(`${LOCAL_ADMIN.email}:${LOCAL_ADMIN.apiToken}`).toString('base64')}`,
  'content-type': 'application/json',
};

/** Jira's own REST API, as its admin would use it. */
async function jira(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${session.server.jira.url}${path}`, {
    method,
    headers: auth,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, `${method} ${path}: ${response.status}`).toBe(true);
  return response.status === 204 ? undefined : response.json();
}

/** Moves an issue to `status` through its workflow, as a person in Jira would. */
async function moveTo(key: string, status: string) {
  const offered = z
    .object({ transitions: z.array(z.object({ id: z.string(), to: z.object({ name: z.string() }) })) })
    .parse(await jira('GET', `/rest/api/3/issue/${key}/transitions`));
  const transition = offered.transitions.find((t) => t.to.name === status);
  if (!transition) throw new Error(`${key} cannot move to ${status}`);
  await jira('POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: transition.id } });
}

/** The Plan's row of the item `summary` (its own row, not one that names it under Blocks). */
const planRow = (p: Page, summary: string) =>
  p
    .getByRole('table', { name: 'Planned issues' })
    .getByRole('row')
    .filter({ has: p.getByRole('button', { name: summary, exact: true }) });

async function open800(colorScheme: 'light' | 'dark') {
  const context = await session.browser.newContext({ viewport: { width: 800, height: 900 }, colorScheme });
  return session.open({ context });
}

beforeAll(async () => {
  session = await startPanelSession();
  page = await open800('light');
});
afterAll(async () => {
  await session?.close();
});

describe('what the tracker says, on the panel', () => {
  it('provisions Acme (its approval owner is the local user) and names who provisioned it', async () => {
    await page.getByRole('heading', { level: 1, name: 'Acme Logistics onboarding' }).waitFor();
    await importAcmeApprovedByAdmin(page);
    await gateSays(page, 'Go');
    await provisionAll(page);

    const line = page.getByTestId('provisioned-line');
    await expect.poll(() => line.textContent(), { timeout: 15_000 }).toMatch(/provisioned .* by Handoff Admin/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await session.shot(page, '60-provisioned-by-whom');
  });

  it('shows each item’s issue and its Jira status in the Plan, and follows a move to Done', async () => {
    await openTab(page, 'Plan');
    // Jira's search trails the run by ~2 s: the key shows at once, the status once Jira lists it.
    await expect
      .poll(() => planRow(page, SSO).locator('.lozenge').first().textContent(), { timeout: 20_000 })
      .toBe('To Do');
    const key = (await planRow(page, SSO).locator('a.issue-key').textContent()) ?? '';
    expect(key).toMatch(/^DEL-\d+$/);
    await session.shot(page, '61-plan-statuses-light');

    await moveTo(key, 'Done');
    // Looking at another tab and back asks Jira again (as does the page regaining focus, and a slow poll).
    await openTab(page, 'Summary');
    await openTab(page, 'Plan');
    await expect
      .poll(() => planRow(page, SSO).locator('.lozenge').first().textContent(), { timeout: 20_000 })
      .toBe('Done');
    expect(await planRow(page, SSO).locator('.lozenge-success').count()).toBe(1);
    await planRow(page, SSO).scrollIntoViewIfNeeded();
    await session.shot(page, '62-plan-status-done-light');
  });

  it('the Summary names each promise’s issue with its status', async () => {
    await openTab(page, 'Summary');
    const row = page.locator('.markdown tr').filter({ has: page.locator('td:first-child', { hasText: SSO }) });
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toMatch(/DEL-\d+ · Done/);
    await row.scrollIntoViewIfNeeded();
    await session.shot(page, '63-summary-statuses-light');
  });

  it('removing a provisioned promise asks why; the proposal and the Jira change request carry the reason', async () => {
    await openTab(page, 'Record');
    await openSection(page, 'Promises');
    const card = page.getByRole('region', { name: `Promise: ${TRAINING}` });
    // Remove is on an open card only: a long list starts folded.
    await card.getByRole('button', { name: TRAINING, expanded: false }).click();
    await card.getByRole('button', { name: 'Remove promise' }).click();
    const dialog = page.getByRole('dialog', { name: new RegExp(`Why does promise “${TRAINING}” go\\?`) });
    await dialog.waitFor();
    const remove = dialog.getByRole('button', { name: 'Remove and descope' });
    expect(await remove.isDisabled()).toBe(true);
    await dialog.getByLabel('Why it is descoped (required)').fill(REASON);
    await session.shot(page, '64-remove-asks-why-light');
    await remove.click();

    const notice = page.getByTestId('removal-notice');
    expect(await notice.textContent()).toContain(`descoped because: ${REASON}`);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Undo');
    expect(await page.getByRole('region', { name: `Promise: ${TRAINING}` }).count()).toBe(0);
    await session.shot(page, '65-removed-with-undo-light');

    await page.getByRole('toolbar', { name: 'Record' }).getByRole('button', { name: 'Propose change' }).click();
    const proposal = page.locator('section.proposal');
    await proposal.waitFor({ timeout: 15_000 });
    const changeKey = (await proposal.getByRole('heading').getByRole('link').textContent()) ?? '';
    // The pending request shows what it changes, read back from Jira: the descoping with its reason.
    const pending = page
      .getByRole('list', { name: 'Change requests' })
      .getByRole('listitem')
      .filter({ hasText: changeKey });
    await pending.locator('.change-set').waitFor({ timeout: 15_000 });
    expect(await pending.textContent()).toContain(`${TRAINING} — why: ${REASON}`);
    await session.shot(page, '66-proposal-with-reason-light');

    const ticket = JSON.stringify(await jira('GET', `/rest/api/3/issue/${changeKey}?fields=description`));
    expect(ticket).toContain(REASON);
    expect(ticket).not.toContain('no longer in the record');
  });

  it('an item that is no issue (a contact) goes without a reason, and Undo brings it back', async () => {
    await openTab(page, 'Record');
    await openSection(page, 'Customer');
    const contacts = page.getByRole('region', { name: /^Contact: / });
    const before = await contacts.count();
    await contacts.first().getByRole('button', { name: 'Remove contact' }).click();
    expect(await page.getByRole('dialog').filter({ hasText: 'Why does' }).isVisible()).toBe(false);
    await page.getByTestId('removal-notice').getByRole('button', { name: 'Undo' }).click();
    expect(await contacts.count()).toBe(before);
  });

  it('dark: the provisioned line, the Plan statuses and the reason dialog', async () => {
    const dark = await open800('dark');
    await gateSays(dark, 'Go');
    await expect
      .poll(() => dark.getByTestId('provisioned-line').textContent(), { timeout: 15_000 })
      .toContain('Handoff Admin');
    await session.shot(dark, '67-provisioned-by-whom-dark');
    await openTab(dark, 'Plan');
    await expect
      .poll(() => planRow(dark, SSO).locator('.lozenge').first().textContent(), { timeout: 20_000 })
      .toBe('Done');
    await planRow(dark, SSO).scrollIntoViewIfNeeded();
    await session.shot(dark, '68-plan-statuses-dark');
    await openTab(dark, 'Record');
    await openSection(dark, 'Promises');
    const darkCard = dark.getByRole('region', { name: `Promise: ${TRAINING}` });
    await darkCard.getByRole('button', { name: TRAINING, expanded: false }).click();
    await darkCard.getByRole('button', { name: 'Remove promise' }).click();
    const dialog = dark.getByRole('dialog', { name: /Why does promise/ });
    await dialog.getByLabel('Why it is descoped (required)').fill(REASON);
    await session.shot(dark, '69-remove-asks-why-dark');
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    expect(await dark.getByRole('region', { name: `Promise: ${TRAINING}` }).count()).toBe(1);
    expect(session.pageErrors).toEqual([]);
  });
});
