import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateSays } from './support/panel-page';
import { startPanelSession, type PanelSession } from './support/panel-session';

/** A lead who works from the keyboard alone provisions the seeded record: Tab, arrows, Enter — no pointer. */
let session: PanelSession;
let page: Page;

beforeAll(async () => {
  session = await startPanelSession();
  page = await session.open();
  await gateSays(page, 'Go');
});
afterAll(async () => {
  await session?.close();
});

/** Presses Tab until the focused element matches, as a person would; fails after `limit` presses. */
async function tabTo(match: (el: { role: string | null; text: string }) => boolean, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => ({
      role: document.activeElement?.getAttribute('role') ?? document.activeElement?.tagName.toLowerCase() ?? null,
      text: document.activeElement?.textContent?.trim() ?? '',
    }));
    if (match(focused)) return;
  }
  throw new Error('never reached the element with Tab');
}

describe('keyboard only', () => {
  it('reaches the tabs, opens Provision with the arrow keys and provisions with Enter', async () => {
    await tabTo((el) => el.role === 'tab' && el.text === 'Record');
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Provision');
    await page.keyboard.press('Enter');
    await tabTo((el) => el.role === 'button' && /^Provision \d+ issues in DEL$/.test(el.text));
    // The focus ring is visible: keyboard focus is never hidden.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement ?? document.body).outlineStyle)).not.toBe(
      'none',
    );
    await session.shot(page, '30-keyboard-focus');
    await page.keyboard.press('Enter');

    await page.getByTestId('results-summary').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('results-summary').textContent()).toMatch(/^9 created, 0 already there, 0 failed/);
    // The button gave up focus while the run went on: the results take it, not <body>.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('results-title');
    await session.shot(page, '31-keyboard-provisioned');
  });

  it('closes the import dialog with Escape and gives focus back', async () => {
    await tabTo((el) => el.role === 'button' && el.text === 'Import…');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Import a handoff record' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Import…');
    expect(session.pageErrors).toEqual([]);
  });
});
