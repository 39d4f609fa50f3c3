import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { field, openCard, openSection, saved } from './support/panel-page';
import { startPanelSession, type PanelSession } from './support/panel-session';

/**
 * Nothing the lead types is lost — not on a reload, not on a failed save — and bad input is named next to its field.
 */
let session: PanelSession;
let page: Page;

beforeAll(async () => {
  session = await startPanelSession();
  page = await session.open();
  await page.getByRole('heading', { level: 1, name: 'Acme Logistics onboarding' }).waitFor();
});
afterAll(async () => {
  await session?.close();
});

describe('drafts and validation', () => {
  it('keeps an unsaved edit across a reload and says so', async () => {
    await openSection(page, 'Risks');
    await field(page, 'risks[0].mitigation').fill("Weekly check-in with the customer's IT lead");
    expect(await page.getByTestId('save-state').textContent()).toMatch(/^Unsaved changes/);

    await page.reload();
    await page.getByRole('heading', { name: 'Draft restored' }).waitFor();
    await openSection(page, 'Risks');
    expect(await field(page, 'risks[0].mitigation').inputValue()).toBe("Weekly check-in with the customer's IT lead");
    await session.shot(page, '20-draft-restored');

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await saved(page);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Acme Logistics onboarding' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Draft restored' }).count()).toBe(0);
  });

  it('names bad input next to its field as it is typed', async () => {
    await openSection(page, 'Promises');
    await openCard(page, 'promises[0]');
    const owner = field(page, 'promises[0].owner');
    await owner.fill('someone at the customer');
    expect(await owner.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('[id="field:promises[0].owner:messages"] .field-error').textContent()).toMatch(
      /must be an e-mail or a role of people/,
    );
    expect(
      await page
        .getByRole('navigation', { name: 'Record sections' })
        .getByRole('button', { name: /^Promises/ })
        .textContent(),
    ).toMatch(/1$/);
    await session.shot(page, '21-validation-next-to-field');
  });

  it("refuses to save an invalid record with the resolver's own problems, keeping every keystroke", async () => {
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const error = page.getByRole('alert').filter({ hasText: 'Not saved — your changes are kept as a draft' });
    await error.waitFor();
    expect(await error.textContent()).toContain('Promise 1 — Owner');
    expect(await field(page, 'promises[0].owner').inputValue()).toBe('someone at the customer');

    // The problem's name takes the lead back to the field.
    await error.getByRole('button', { name: 'Promise 1 — Owner' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('field:promises[0].owner');
    await session.shot(page, '22-save-refused');
  });

  it('shows YAML problems with their line, and selects the line', async () => {
    await openSection(page, 'YAML');
    const yaml = field(page, 'yaml');
    const text = await yaml.inputValue();
    await yaml.fill(text.replace('scenario: new-implementation', 'scenario: bespoke'));
    const problem = page.getByRole('button', { name: /^line \d+ \(scenario\)$/ });
    await problem.waitFor();
    await problem.click();
    const selected = await yaml.evaluate((el) =>
      el instanceof HTMLTextAreaElement ? el.value.slice(el.selectionStart, el.selectionEnd) : '',
    );
    expect(selected).toBe('scenario: bespoke');
    // The line the problem names is the line the gutter numbers, and the gutter scrolls with the text.
    const named = Number(/^line (\d+)/.exec((await problem.textContent()) ?? '')?.[1]);
    const lines = (await yaml.inputValue()).split('\n');
    expect(lines[named - 1]).toBe('scenario: bespoke');
    const gutter = page.locator('.yaml-gutter');
    expect((await gutter.textContent())?.split('\n')).toHaveLength(lines.length);
    await yaml.evaluate((el) => el.scrollTo({ top: 400 }));
    await expect.poll(() => gutter.evaluate((el) => el.scrollTop)).toBe(400);
    await session.shot(page, '23-yaml-problem-line');
  });

  it('discards the draft on request', async () => {
    await page.getByRole('button', { name: 'Discard changes' }).click();
    expect(await page.getByTestId('save-state').textContent()).toMatch(/^Saved /);
    expect(session.pageErrors).toEqual([]);
  });

  it('brings back the record an import replaced', async () => {
    await page.getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a handoff record' });
    await dialog.getByLabel('An example record').selectOption('westmere-council-referrals');
    await expect.poll(() => dialog.getByTestId('import-intent').textContent()).toContain('This replaces the saved');
    await dialog.getByRole('button', { name: 'Replace and save' }).click();
    await page.getByRole('heading', { level: 1, name: /Westmere/ }).waitFor();
    await session.shot(page, '24-import-replaced-undo');
    await page.getByRole('button', { name: 'Undo the import' }).click();
    await page.getByRole('heading', { level: 1, name: 'Acme Logistics onboarding' }).waitFor();
    expect(await page.getByRole('button', { name: 'Undo the import' }).count()).toBe(0);
  });

  it('imports a record with problems as a draft to fix, saving nothing', async () => {
    await page.getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a handoff record' });
    await dialog.getByLabel('An example record').selectOption('acme-onboarding');
    await expect.poll(() => dialog.getByLabel('Or paste it here').inputValue()).toContain('acme-onboarding-2026');
    const text = await dialog.getByLabel('Or paste it here').inputValue();
    await dialog.getByLabel('Or paste it here').fill(text.replace('scenario: new-implementation', 'scenario: bespoke'));
    await expect
      .poll(() => dialog.getByTestId('import-intent').textContent())
      .toMatch(/^It has 1 problem: it becomes your draft/);
    await dialog.getByRole('button', { name: 'Import as a draft' }).click();
    expect(await page.getByTestId('save-state').textContent()).toMatch(/^Unsaved changes/);
    await page.getByRole('button', { name: 'Discard changes' }).click();
  });
});
