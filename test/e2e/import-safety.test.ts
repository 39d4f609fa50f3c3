import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateSays, provisionAll } from './support/panel-page';
import { startPanelSession, type PanelSession } from './support/panel-session';

/**
 * An import never costs a provisioned record: a file of another record — valid or not — is
 * refused before anything happens, and the file is chosen with the page's own button.
 */
let session: PanelSession;
let page: Page;

const westmere = readFileSync(new URL('../../examples/westmere-council-referrals.handoff.yaml', import.meta.url));
const westmereTypo = Buffer.from(westmere.toString('utf8').replace(/^(\s+)owner:/m, '$1ownr:'));

beforeAll(async () => {
  session = await startPanelSession();
  page = await session.open();
  await gateSays(page, 'Go');
  await provisionAll(page);
});
afterAll(async () => {
  await session?.close();
});

describe('importing over a provisioned record', () => {
  it('refuses a file of another record, even one with problems, before anything happens', async () => {
    await page.getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a handoff record' });
    const choose = dialog.getByRole('button', { name: 'Or a file (YAML or JSON) Choose a file…' });
    expect(await choose.getAttribute('aria-describedby')).toBeTruthy();
    for (const [name, buffer] of [
      ['westmere-typo.yaml', westmereTypo],
      ['westmere.yaml', westmere],
    ] as const) {
      await dialog.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/yaml', buffer });
      await expect.poll(() => dialog.getByText(name).count()).toBe(1);
      await expect
        .poll(() => dialog.getByTestId('import-intent').textContent())
        .toContain('"Acme Logistics onboarding" is provisioned in DEL, so "Westmere');
      expect(await dialog.getByRole('button', { name: 'Import and save' }).isDisabled()).toBe(true);
    }
    await session.shot(page, '45-import-refused-over-provisioned');
    await page.keyboard.press('Escape');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Acme Logistics onboarding');
    expect(session.pageErrors).toEqual([]);
  });
});
