import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** The input of a record field, by its path (`promises[2].owner`): the panel gives it the id `field:<path>`. */
export function field(page: Page, path: string): Locator {
  return page.locator(`[id="field:${path}"]`);
}

/** The gate's headline once it says `expected` ("Go", "Not yet"), e.g. "10 blockers before go". */
export async function gateSays(page: Page, expected: 'Go' | 'Not yet'): Promise<string> {
  const gate = page.locator('section.gate');
  await gate.locator('.lozenge', { hasText: expected }).waitFor();
  return (await gate.getByTestId('gate-summary').textContent()) ?? '';
}

/** The gate's headline as it is now. */
export async function gateSummary(page: Page): Promise<string> {
  return (await page.locator('section.gate').getByTestId('gate-summary').textContent()) ?? '';
}

/** The field paths of the blockers the gate lists, in its order (each line keeps its path in `data-path`). */
export async function blockerPaths(page: Page): Promise<string[]> {
  return page
    .locator('section.gate > .problem-list > li')
    .evaluateAll((items) => items.map((li) => (li instanceof HTMLElement ? (li.dataset.path ?? '') : '')));
}

export async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name }).click();
}

export async function openSection(page: Page, name: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Record sections' })
    .getByRole('button', { name: new RegExp(`^${name}`) })
    .click();
}

/** Waits until the toolbar says everything is saved. */
export async function saved(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('save-state').textContent(), { timeout: 15_000 }).toMatch(/^Saved /);
}

/** The button that folds and unfolds an item's card (`promises[2]`): it carries the item's field id. */
export function cardToggle(page: Page, itemPath: string): Locator {
  return field(page, itemPath);
}

/** Opens an item's card if it is folded (a long list starts folded), so its fields can be filled. */
export async function openCard(page: Page, itemPath: string): Promise<void> {
  const toggle = cardToggle(page, itemPath);
  if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
  await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
}

/**
 * Views the local page as someone else with the dev server's "Viewing as" switch (local only),
 * which reloads the page as them; resolves once the panel is back.
 */
export async function viewAs(page: Page, displayName: string): Promise<void> {
  const select = page.getByLabel('Viewing as', { exact: true });
  const value = await select.locator('option', { hasText: `${displayName} · ` }).getAttribute('value');
  if (!value) throw new Error(`nobody named ${displayName} on the local site`);
  await Promise.all([page.waitForEvent('load'), select.selectOption(value)]);
  await page.locator('section.gate').waitFor();
}

/**
 * Imports the Acme example with the local admin as its approval owner — the person the panel
 * acts as until switched — replacing the saved record, and waits until it is saved.
 */
export async function importAcmeApprovedByAdmin(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a handoff record' });
  await dialog.getByLabel('An example record').selectOption('acme-onboarding');
  const text = dialog.getByLabel('Or paste it here');
  await expect.poll(() => text.inputValue()).toContain('approval-owner: priya.nair@vendor.example');
  await text.fill(
    (await text.inputValue()).replace(
      'approval-owner: priya.nair@vendor.example',
      'approval-owner: admin@handoff.local',
    ),
  );
  await dialog.getByRole('button', { name: 'Replace and save' }).click();
  await saved(page);
}

/** Provisions the saved record from the Provision tab, every issue in DEL, and waits for the results. */
export async function provisionAll(page: Page): Promise<void> {
  await openTab(page, 'Provision');
  await page.getByRole('button', { name: /^Provision \d+ issues in DEL$/ }).click();
  await page.getByTestId('results-summary').waitFor({ timeout: 30_000 });
}

/**
 * The edit the change-control tests propose on the provisioned Acme record: the data import
 * (promises[1]) moves to 2027-01-27, and a promise `added` is added, owned by the comms owner, due
 * 2027-01-15. Leaves the page on the Record tab with the edit unsaved.
 */
export async function editAcmeForAChange(page: Page, added: string): Promise<void> {
  await openTab(page, 'Record');
  await openSection(page, 'Promises');
  await openCard(page, 'promises[1]');
  await field(page, 'promises[1].due').fill('2027-01-27');
  await page.getByRole('button', { name: 'Add promise' }).click();
  await field(page, 'promises[4].title').fill(added);
  await field(page, 'promises[4].owner').fill('comms-owner');
  await field(page, 'promises[4].due').fill('2027-01-15');
}
