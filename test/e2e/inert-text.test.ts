import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { aPromise, anExcludedPromise, aRecord } from '../builders/record';
import { leaks } from '../security/support/secrets';
import { HOSTILE, IMG, MD_LINK, SCRIPT, textFields, withTexts } from '../security/support/hostile';
import { openTab } from './support/panel-page';
import { startPanelSession, type PanelSession } from './support/panel-session';

/**
 * A record whose every text field carries `<script>`, `<img onerror>`, a `javascript:` link and
 * Markdown, imported through the panel in Chromium: no dialog ever opens, nothing it wrote
 * becomes an element or a link, the letters show as typed — in the heading, the form, the
 * plan and the rendered summary — and no page, script or response carries a token.
 */
let session: PanelSession;
let page: Page;
const dialogs: string[] = [];
const bodies: string[] = [];

const input = aRecord({ id: 'inert-text', promises: [aPromise({ detail: 'x' }), anExcludedPromise()] });
const hostile = withTexts(input, textFields(input), () => HOSTILE);
/** Text fields are trimmed: what a person sees is HOSTILE without its trailing vertical tab. */
const SHOWN = HOSTILE.trim();

beforeAll(async () => {
  session = await startPanelSession();
  page = await session.open();
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('response', (response) => {
    void response.text().then(
      (text) => bodies.push(text),
      () => undefined,
    );
  });
  await page.getByRole('heading', { level: 1, name: 'Acme Logistics onboarding' }).waitFor();
});
afterAll(async () => {
  await session?.close();
});

/** Elements the record's text would have made, had it been taken for HTML. */
const injected = (p: Page) =>
  p.evaluate(() => ({
    images: document.querySelectorAll('img[src="x"], img[onerror]').length,
    scripts: [...document.querySelectorAll('script')].filter((s) => (s.textContent ?? '').includes('alert(')).length,
    links: [...document.querySelectorAll('a[href]')]
      .map((a) => a.getAttribute('href') ?? '')
      .filter((href) => !/^(https?:|mailto:|#|\/)/.test(href)),
  }));

describe('hostile text in every field, through the panel', () => {
  it('imports and saves; the heading shows the title letter for letter', async () => {
    await page.getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a handoff record' });
    await dialog.getByLabel('Or paste it here').fill(stringify(hostile));
    await dialog.getByRole('button', { name: 'Replace and save' }).click();
    await expect.poll(() => page.locator('h1').first().textContent(), { timeout: 15_000 }).toBe(SHOWN);
    expect(await injected(page)).toEqual({ images: 0, scripts: 0, links: [] });
    await session.shot(page, '30-inert-heading');
  });

  it('the form holds the text as typed', async () => {
    const title = page.locator('[id="field:title"]');
    // The form holds the draft as imported (untrimmed); the saved record, shown in the heading, is trimmed.
    expect(await title.inputValue()).toBe(HOSTILE);
  });

  it('the plan lists the issues with the text as their summaries', async () => {
    await openTab(page, 'Plan');
    const planned = page.getByRole('table', { name: 'Planned issues' });
    await planned.waitFor();
    expect(await planned.textContent()).toContain(SCRIPT);
    expect(await injected(page)).toEqual({ images: 0, scripts: 0, links: [] });
  });

  it('the rendered summary shows the markup as text and makes no javascript: link', async () => {
    await openTab(page, 'Summary');
    const article = page.locator('article.markdown');
    await article.locator('h1').waitFor();
    const text = (await article.textContent()) ?? '';
    for (const piece of [SCRIPT, IMG, MD_LINK]) expect(text).toContain(piece);
    expect(await injected(page)).toEqual({ images: 0, scripts: 0, links: [] });
    await session.shot(page, '31-inert-summary');
  });

  it('no alert, confirm or prompt ever opened, and the page raised no error', () => {
    expect(dialogs).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });

  it('no token in the page, its scripts or any response it received', async () => {
    expect(bodies.length).toBeGreaterThan(3);
    expect(leaks([await page.content(), ...bodies])).toEqual([]);
  });
});
