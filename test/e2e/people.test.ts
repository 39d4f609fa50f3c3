import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRIVATE_PERSON } from '../../emulators/jira/seed-people';
import { field, gateSays, openCard, openSection, openTab, saved } from './support/panel-page';
import { startPanelSession, type PanelSession } from './support/panel-session';

/**
 * People as people, in a real browser at 800 px (a Jira project page): an owner is picked by name
 * from Jira's user search, with name and avatar; someone whose e-mail Jira hides is asked for it;
 * the Plan and the Summary name people; and everything of one person is reassigned to another,
 * the panel saying what will move before and what moved after. Screenshots 60 onwards.
 */
let session: PanelSession;
let page: Page;

const list = (p: Page, path: string) => p.locator(`[id="field:${path}:people"]`);

async function openAt800(colorScheme: 'light' | 'dark'): Promise<Page> {
  const context = await session.browser.newContext({ viewport: { width: 800, height: 900 }, colorScheme });
  return session.open({ context });
}

beforeAll(async () => {
  session = await startPanelSession();
  page = await openAt800('light');
});
afterAll(async () => {
  await session?.close();
});

describe('owners are picked as people from Jira', () => {
  it('finds a person by name, shows name and avatar, and stores their e-mail', async () => {
    await page.getByRole('heading', { level: 1, name: 'Acme Logistics onboarding' }).waitFor();
    await openSection(page, 'Promises');
    await openCard(page, 'promises[1]');
    const owner = field(page, 'promises[1].owner');
    await owner.fill('');
    await owner.pressSequentially('sam', { delay: 20 });
    const option = list(page, 'promises[1].owner').getByRole('option', { name: /Sam Okafor.*sam\.okafor@/ });
    await option.waitFor();
    expect(await owner.getAttribute('aria-expanded')).toBe('true');
    expect(await option.locator('img.avatar').getAttribute('src')).toContain('/secure/useravatar');
    await owner.evaluate((input) => input.scrollIntoView({ block: 'center' }));
    await session.shot(page, '60-people-picker-light');

    await owner.press('ArrowDown');
    // Roles come first for an owner field ("Comms owner" is filled by Sam); the person is further down.
    while ((await option.getAttribute('aria-selected')) !== 'true') await owner.press('ArrowDown');
    await owner.press('Enter');
    expect(await owner.inputValue()).toBe('sam.okafor@vendor.example');
    const who = page.locator('[id="field:promises[1].owner"] ~ .owner-who');
    await expect.poll(() => who.textContent()).toBe('Sam Okafor');
    await expect
      .poll(() => who.locator('img.avatar').evaluate((img) => (img instanceof HTMLImageElement ? img.naturalWidth : 0)))
      .toBe(48);
    await session.shot(page, '61-people-picked-light');
  });

  it('still takes a role, shown with the person who fills it', async () => {
    await openCard(page, 'promises[1]');
    const owner = field(page, 'promises[1].owner');
    await owner.fill('deliv');
    await list(page, 'promises[1].owner')
      .getByRole('option', { name: /Delivery owner.*Maria Lopez/ })
      .click();
    expect(await owner.inputValue()).toBe('delivery-owner');
    expect(await page.locator('[id="field:promises[1].owner"] ~ .owner-who').textContent()).toBe('Maria Lopez');
    await owner.fill('maria.lopez@vendor.example');
  });

  it('Jira Cloud profile visibility: a hidden e-mail is asked for, taken only if Jira finds them by it', async () => {
    await openCard(page, 'promises[0]');
    const owner = field(page, 'promises[0].owner');
    await owner.fill('owen');
    await list(page, 'promises[0].owner')
      .getByRole('option', { name: /Owen Hughes.*kept private/ })
      .click();
    const ask = page.locator('form.hidden-email');
    const email = page.getByLabel(/Owen Hughes keeps their e-mail private in Jira/);
    await email.fill('owen@westmere.example');
    await page.getByRole('button', { name: 'Use this e-mail' }).click();
    await page.getByRole('alert').filter({ hasText: 'Jira does not know owen@westmere.example' }).waitFor();
    await owner.evaluate((input) => input.scrollIntoView({ block: 'center' }));
    await session.shot(page, '62-people-hidden-email-light');
    await email.fill(PRIVATE_PERSON);
    await page.getByRole('button', { name: 'Use this e-mail' }).click();
    await expect.poll(() => owner.inputValue()).toBe(PRIVATE_PERSON);
    expect(await ask.count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('field:promises[0].owner');
    // Back to the role it had: the rest of the walk needs Acme's owners.
    await owner.fill('delivery-owner');
  });

  it('People roles are picked the same way, without roles to choose from', async () => {
    await openSection(page, 'People');
    const role = field(page, 'people.escalation');
    await role.fill('priya');
    const options = list(page, 'people.escalation').getByRole('option');
    await options.first().waitFor();
    expect(await options.allTextContents()).toEqual([expect.stringContaining('Priya Nair')]);
    await page.keyboard.press('Escape');
    await role.fill('priya.nair@vendor.example');
  });
});

describe('names where the panel shows owners', () => {
  it('saves, and the Plan and the Summary name people instead of e-mails', async () => {
    await page.keyboard.press('Control+s');
    await saved(page);
    await gateSays(page, 'Go');
    await openTab(page, 'Plan');
    const owners = page.getByRole('table', { name: 'Planned issues' }).locator('tbody td:nth-child(3)');
    await expect.poll(async () => (await owners.allTextContents()).join(' | ')).toContain('Sam Okafor');
    const text = (await owners.allTextContents()).join(' | ');
    expect(text).toContain('Maria Lopez');
    expect(text).not.toContain('@vendor.example');
    await session.shot(page, '63-plan-names-light');
    await openTab(page, 'Summary');
    await expect.poll(() => page.locator('article.markdown').textContent()).toContain('Sam Okafor');
  });
});

describe('reassign everything of one person to another', () => {
  it('says what will move and which fields name them, moves it, and lets the record follow', async () => {
    await openTab(page, 'Provision');
    await page.getByRole('button', { name: /^Provision \d+ issues in DEL$/ }).click();
    await page.getByTestId('results-summary').waitFor({ timeout: 30_000 });

    await openTab(page, 'Changes');
    const from = page.getByLabel('From (the person leaving)');
    // Options of the open list (the local "Viewing as" switch has options named after people too).
    const options = page.getByRole('listbox', { name: 'People' }).getByRole('option');
    await from.fill('maria');
    await options.filter({ hasText: 'Maria Lopez' }).click();
    const to = page.getByLabel('To (the person taking over)');
    await to.fill('priya');
    await options.filter({ hasText: 'Priya Nair' }).click();
    const preview = page.locator('.transfer-preview');
    await expect
      .poll(() => preview.textContent(), { timeout: 15_000 })
      .toMatch(/\d+ open issues? of Maria Lopez will move to Priya Nair: DEL-\d+/);
    expect(await preview.textContent()).toContain('The record names Maria Lopez in 2 fields: ');
    const count = Number(/(\d+) open issue/.exec((await preview.textContent()) ?? '')?.[1]);
    await page.locator('#transfer-title').scrollIntoViewIfNeeded();
    await session.shot(page, '64-reassign-preview-light');

    await page.getByRole('button', { name: `Move ${count} open issue${count === 1 ? '' : 's'}` }).click();
    const done = page.locator('.transfer-result');
    await expect.poll(() => done.textContent(), { timeout: 30_000 }).toContain(`${count} open issue`);
    expect(await done.textContent()).toMatch(/moved from Maria Lopez to Priya Nair: DEL-\d+/);
    expect(await done.textContent()).toContain('The record still names Maria Lopez in 2 fields');
    await session.shot(page, '65-reassigned-light');
    await page.getByRole('button', { name: 'Name Priya Nair there instead' }).click();
    await expect.poll(() => done.textContent()).toContain('The draft now names Priya Nair in those fields');
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('transfer-result');
    const toolbar = page.getByRole('toolbar', { name: 'Record' });
    await toolbar.getByRole('button', { name: 'Propose change' }).waitFor();
  });
});

describe('the same screens in the dark theme at 800 px', () => {
  it('picker, plan and reassign', async () => {
    const dark = await openAt800('dark');
    await dark.getByRole('heading', { level: 1, name: 'Acme Logistics onboarding' }).waitFor();
    await openSection(dark, 'Promises');
    await openCard(dark, 'promises[1]');
    const owner = field(dark, 'promises[1].owner');
    await owner.fill('sam');
    await list(dark, 'promises[1].owner')
      .getByRole('option', { name: /Sam Okafor/ })
      .waitFor();
    await owner.evaluate((input) => input.scrollIntoView({ block: 'center' }));
    await session.shot(dark, '60-people-picker-dark');
    await dark.keyboard.press('Escape');
    await openTab(dark, 'Plan');
    await dark.getByRole('table', { name: 'Planned issues' }).getByText('Maria Lopez').first().waitFor();
    await session.shot(dark, '63-plan-names-dark');
    await openTab(dark, 'Changes');
    await dark.getByLabel('From (the person leaving)').fill('priya.nair@vendor.example');
    await dark.getByLabel('To (the person taking over)').fill('maria.lopez@vendor.example');
    await dark.keyboard.press('Escape');
    await expect
      .poll(() => dark.locator('.transfer-preview').textContent(), { timeout: 15_000 })
      .toMatch(/will move|no open issue/);
    await dark.locator('#transfer-title').scrollIntoViewIfNeeded();
    await session.shot(dark, '64-reassign-preview-dark');
    expect(session.pageErrors).toEqual([]);
  });
});
