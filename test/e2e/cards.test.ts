import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardToggle, field, gateSummary, openSection, openTab, provisionAll, saved } from './support/panel-page';
import { startPanelSession, type PanelSession } from './support/panel-session';

/**
 * The record's cards and the Plan, as a lead reads them: long lists folded to one line per item,
 * a followed blocker opening its card, search and filters with their counts, help texts in view,
 * and the Plan and the section chips readable at 600 px. Light and dark, 800 and 600 px wide.
 */
let session: PanelSession;

beforeAll(async () => {
  session = await startPanelSession();
});
afterAll(async () => {
  await session?.close();
});

async function openAt(width: number, colorScheme: 'light' | 'dark'): Promise<Page> {
  const context = await session.browser.newContext({ viewport: { width, height: 900 }, colorScheme });
  const page = await session.open({ context });
  await page.getByRole('heading', { level: 1, name: 'Acme Logistics onboarding' }).waitFor();
  return page;
}

const toggles = (page: Page) => page.locator('.list-editor .item-toggle');
const expanded = (page: Page) => toggles(page).evaluateAll((els) => els.map((e) => e.getAttribute('aria-expanded')));
const count = (page: Page, list: string) =>
  page.locator(`[id="filter:${list}-query"]`).locator('xpath=../..').getByRole('status').textContent();
const focused = (page: Page) => page.evaluate(() => document.activeElement?.id);

describe('item cards, 800 px', () => {
  let page: Page;
  beforeAll(async () => {
    page = await openAt(800, 'light');
    await openSection(page, 'Promises');
  });

  it('a long list starts folded: one line per promise — title, owner, due, no fields', async () => {
    expect(await expanded(page)).toEqual(['false', 'false', 'false', 'false']);
    expect(await page.locator('.list-editor .item-body:not([hidden])').count()).toBe(0);
    const sso = page.getByRole('region', { name: /^Promise: SSO with Azure AD/ });
    expect(await sso.locator('.item-summary').textContent()).toMatch(/^delivery-ownerdue [A-Z][a-z]{2} \d{1,2}, 2027$/);
    expect(
      await page
        .getByRole('region', { name: /^Promise: .*BI/i })
        .locator('.item-summary')
        .textContent(),
    ).toBe('excluded');
    await session.shot(page, 'cards-01-folded-800-light');
  });

  it('opens and closes a card with its button (aria-expanded), and all of them at once', async () => {
    await cardToggle(page, 'promises[1]').click();
    expect(await expanded(page)).toEqual(['false', 'true', 'false', 'false']);
    expect(await field(page, 'promises[1].due').inputValue()).toBe('2027-01-20');
    await cardToggle(page, 'promises[1]').press('Enter');
    expect(await field(page, 'promises[1].due').count()).toBe(0);

    await page.getByRole('button', { name: 'Expand all' }).click();
    expect(await expanded(page)).toEqual(['true', 'true', 'true', 'true']);
    await page.getByRole('button', { name: 'Collapse all' }).click();
    expect(await expanded(page)).toEqual(['false', 'false', 'false', 'false']);
  });

  it('shows help texts under the fields, each the right one, tied to its input', async () => {
    await cardToggle(page, 'promises[0]').click();
    const milestone = field(page, 'promises[0].milestone');
    const hint = page.locator('[id="field:promises[0].milestone:messages"] .field-hint');
    expect(await hint.textContent()).toBe(
      'The id of a timeline milestone: the promise is grouped under it in the tracker.',
    );
    expect((await hint.boundingBox())?.height).toBeGreaterThan(10);
    expect(await milestone.getAttribute('aria-describedby')).toBe('field:promises[0].milestone:messages');
    expect(await page.locator('[id="field:promises[0].due:messages"] .field-hint').textContent()).toContain(
      'kickoff+10bd is ten business days after kickoff',
    );
    await field(page, 'promises[0].milestone').scrollIntoViewIfNeeded();
    await session.shot(page, 'cards-02-open-card-hints-800-light');
    await cardToggle(page, 'promises[0]').click();
  });

  it('searches and filters the promises, with the count they leave', async () => {
    expect(await count(page, 'promises')).toBe('4 promises');
    await page.getByRole('searchbox', { name: 'Search' }).fill('training');
    await expect.poll(() => count(page, 'promises')).toBe('1 of 4 promises');
    expect(await toggles(page).count()).toBe(1);
    await session.shot(page, 'cards-03-search-800-light');

    await page.getByRole('button', { name: 'Clear the filters' }).click();
    await page.getByLabel('Excluded').selectOption('only');
    expect(await count(page, 'promises')).toBe('1 of 4 promises');
    await page.getByLabel('Excluded').selectOption('any');
    await page.getByLabel('Owner', { exact: true }).selectOption('comms-owner');
    expect(await count(page, 'promises')).toBe('1 of 4 promises');
    await page.getByLabel('Owner', { exact: true }).selectOption('');
    // On 2026-12-01 nothing is late yet; every open promise has a date.
    await page.getByLabel('Due', { exact: true }).selectOption('overdue');
    expect(await count(page, 'promises')).toBe('0 of 4 promises');
    expect(await page.getByText('No promise matches the filters.').count()).toBe(1);
    await page.getByLabel('Due', { exact: true }).selectOption('none');
    expect(await count(page, 'promises')).toBe('0 of 4 promises');
    await page.getByRole('button', { name: 'Clear the filters' }).click();
    expect(await count(page, 'promises')).toBe('4 promises');
  });

  it('follows a blocker into a folded, filtered-out card: the card opens and its field has focus', async () => {
    await cardToggle(page, 'promises[1]').click();
    await field(page, 'promises[1].owner').fill('');
    await expect.poll(() => gateSummary(page)).toBe('1 blocker before go');
    // The lead folds the card and searches for something else: the blocker is out of sight.
    await cardToggle(page, 'promises[1]').click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('sso azure');
    expect(await toggles(page).count()).toBe(1);
    await page.getByRole('checkbox', { name: 'Only with blockers' }).check();
    expect(await count(page, 'promises')).toBe('0 of 4 promises');
    await page.getByRole('checkbox', { name: 'Only with blockers' }).uncheck();

    await page
      .locator('section.gate')
      .getByRole('button', { name: /^Promise 2 · .+ — Owner$/ })
      .click();
    await expect.poll(() => focused(page)).toBe('field:promises[1].owner');
    expect(await count(page, 'promises')).toBe('4 promises');
    expect(await cardToggle(page, 'promises[1]').getAttribute('aria-expanded')).toBe('true');
    await session.shot(page, 'cards-04-followed-blocker-800-light');

    // Fixing the card's last blocker does not fold it under the caret.
    await field(page, 'promises[1].owner').fill('maria.lopez@vendor.example');
    await expect.poll(() => gateSummary(page)).toBe('Ready to provision');
    expect(await cardToggle(page, 'promises[1]').getAttribute('aria-expanded')).toBe('true');
    expect(await focused(page)).toBe('field:promises[1].owner');
  });

  it('a folded card shows its blocker mark, and "only with blockers" finds it', async () => {
    await cardToggle(page, 'promises[2]').click();
    await field(page, 'promises[2].owner').fill('');
    await cardToggle(page, 'promises[2]').click();
    const card = page.getByRole('region', { name: /^Promise: .*training/i });
    expect(await card.locator('.item-blocker-count').textContent()).toBe('1 blocker');
    await page.getByRole('checkbox', { name: 'Only with blockers' }).check();
    expect(await count(page, 'promises')).toBe('1 of 4 promises');
    await session.shot(page, 'cards-05-blocked-folded-800-light');
    await page.getByRole('button', { name: 'Clear the filters' }).click();
    await cardToggle(page, 'promises[2]').click();
    await field(page, 'promises[2].owner').fill('comms-owner');
    await expect.poll(() => gateSummary(page)).toBe('Ready to provision');
  });

  it('puts focus somewhere sensible: a new card opens on its title, a removed one gives it to its list', async () => {
    await page.getByRole('button', { name: 'Add promise' }).click();
    await expect.poll(() => focused(page)).toBe('field:promises[4].title');
    expect(await cardToggle(page, 'promises[4]').getAttribute('aria-expanded')).toBe('true');
    await page
      .getByRole('region', { name: 'Promise: New promise' })
      .getByRole('button', { name: 'Remove promise' })
      .click();
    // The removal's notice takes it: its Undo is one key away.
    await expect.poll(() => focused(page)).toBe('removal-undo');
    expect(await toggles(page).count()).toBe(4);
  });

  it('filters the Plan: by kind, by search, with the count', async () => {
    await openTab(page, 'Plan');
    const planned = page.getByRole('table', { name: 'Planned issues' });
    await planned.waitFor();
    const all = await planned.locator('tbody tr').count();
    expect(await count(page, 'plan')).toBe(`${all} planned issues`);
    await page.getByLabel('Kind').selectOption('dependency');
    expect(await count(page, 'plan')).toBe(`3 of ${all} planned issues`);
    expect(await planned.locator('tbody tr').count()).toBe(3);
    await page.getByRole('searchbox', { name: 'Search' }).fill('azure');
    expect(await count(page, 'plan')).toBe(`1 of ${all} planned issues`);
    await session.shot(page, 'cards-06-plan-filtered-800-light');
    await page.getByRole('button', { name: 'Clear the filters' }).click();
  });

  it('once provisioned, each folded card carries its issue key, and the key can be searched for', async () => {
    // The owners emptied and put back above leave the draft written differently: save it first.
    const save = page.getByRole('button', { name: 'Save', exact: true });
    if (await save.isEnabled()) {
      await save.click();
      await saved(page);
    }
    await provisionAll(page);
    await openTab(page, 'Record');
    const sso = page.getByRole('region', { name: /^Promise: SSO with Azure AD/ });
    const key = (await sso.locator('.item-summary a.issue-key').textContent()) ?? '';
    expect(key).toMatch(/^DEL-\d+$/);
    expect(
      await page
        .getByRole('region', { name: /^Promise: Custom BI/ })
        .locator('a.issue-key')
        .count(),
    ).toBe(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('.list-editor').first().scrollIntoViewIfNeeded();
    await session.shot(page, 'cards-06b-provisioned-keys-800-light');
    await page.getByRole('searchbox', { name: 'Search' }).fill(key.toLowerCase());
    expect(await count(page, 'promises')).toBe('1 of 4 promises');
    await page.getByRole('button', { name: 'Clear the filters' }).click();
  });
});

/** Every tab and the record's sections, light and dark, at 800 and 600 px: nothing wider than the page. */
describe.each([
  [800, 'light'],
  [800, 'dark'],
  [600, 'light'],
  [600, 'dark'],
] as const)('every tab at %i px, %s', (width, scheme) => {
  let page: Page;
  beforeAll(async () => {
    page = await openAt(width, scheme);
  });

  it('no tab is wider than the page; each leaves a screenshot', async () => {
    await openSection(page, 'Promises');
    for (const tab of ['Record', 'Sign-offs', 'Plan', 'Provision', 'Summary', 'Changes', 'History']) {
      await openTab(page, tab);
      await page.waitForTimeout(150);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), tab).toBeLessThanOrEqual(width);
      await session.shot(page, `cards-tab-${tab.toLowerCase()}-${width}-${scheme}`);
    }
    await openTab(page, 'Record');
    await page.locator('.list-editor').first().scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await session.shot(page, `cards-09-promises-${width}-${scheme}`);
  });

  it('the Plan shows every column of every row: a card per row when narrow', async () => {
    await openTab(page, 'Plan');
    const planned = page.getByRole('table', { name: 'Planned issues' });
    await planned.waitFor();
    const cut = await planned.evaluate((table) => {
      const box = table.parentElement?.getBoundingClientRect();
      return [...table.querySelectorAll('td')].filter((td) => {
        const r = td.getBoundingClientRect();
        return box !== undefined && r.width > 0 && (r.right > box.right + 1 || r.left < box.left - 1);
      }).length;
    });
    expect(cut).toBe(0);
    const display = await planned
      .locator('tbody tr')
      .first()
      .evaluate((tr) => getComputedStyle(tr).display);
    expect(display).toBe(width <= 600 ? 'block' : 'table-row');
    await planned.locator('tbody tr').nth(2).scrollIntoViewIfNeeded();
    await session.shot(page, `cards-07-plan-${width}-${scheme}`);
  });

  it('the section chips keep their badges apart from their labels', async () => {
    await openTab(page, 'Record');
    await openSection(page, 'Timeline');
    await field(page, 'timeline.goLive').fill('');
    const button = page.getByRole('navigation', { name: 'Record sections' }).getByRole('button', { name: /^Timeline/ });
    await button.locator('.nav-count').waitFor();
    const gap = await button.evaluate((el) => {
      const text = el.firstChild;
      const badge = el.querySelector('.nav-count');
      if (!text || !badge) return -1;
      const range = document.createRange();
      range.selectNodeContents(text);
      return badge.getBoundingClientRect().left - range.getBoundingClientRect().right;
    });
    expect(gap).toBeGreaterThanOrEqual(6);
    await page.evaluate(() => window.scrollTo(0, 0));
    await session.shot(page, `cards-08-nav-${width}-${scheme}`);
  });
});
