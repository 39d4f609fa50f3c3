import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { gateSays } from './panel-page';

/** Connects the page's user to the local Asana on its consent page (the window the page opens), signed in as `who`. */
export async function connectAsana(page: Page, who: string): Promise<void> {
  const [consent] = await Promise.all([
    page.context().waitForEvent('page'),
    page.getByRole('button', { name: 'Connect Asana' }).click(),
  ]);
  await consent.getByRole('heading', { name: 'Allow Handoff to access your Asana account?' }).waitFor();
  await consent.getByLabel('Signed in as').selectOption({ label: who });
  await consent.getByRole('button', { name: 'Allow' }).click();
}

/** On the Provision tab, with Asana connected: chooses the first workspace and team the card offers. */
export async function chooseAsanaTeam(page: Page): Promise<void> {
  const workspace = page.getByLabel('Workspace', { exact: true });
  await expect.poll(() => workspace.locator('option').count()).toBeGreaterThan(1);
  await workspace.selectOption({ index: 1 });
  await page.getByLabel('Team', { exact: true }).selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Provision in this Asana team' }).click();
  await gateSays(page, 'Go');
}

/** Provisions the record in its Asana team from the Provision tab, and waits for the results. */
export async function provisionInAsana(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Provision \d+ tasks in Asana · / }).click();
  await page.getByTestId('results-summary').waitFor({ timeout: 30_000 });
}
