import type { BrowserContext, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startPanelSession, type PanelSession } from './support/panel-session';

/**
 * The promise behind an issue, on the local Jira's issue page (issue 19, points 1 and 5): the
 * seeded Acme record provisioned, its SSO promise's issue opened in the local Jira with the
 * Handoff issue context framed beside it (as Jira draws a `jira:issueContext`) — where it was
 * promised and what it waits on; then a change request opened the same way and approved there
 * by its approval owner, Priya Nair, switched to with the local "Viewing as" switch inside the
 * frame. Screenshots 70 onwards in test-results/, light and dark, 800 px wide.
 */
let session: PanelSession;
let page: Page;
let dark: BrowserContext;
const keys = new Map<string, string>();

const ok = <T extends z.ZodType>(value: T) => z.object({ ok: z.literal(true), value });
const status = ok(
  z.object({
    run: z.object({ outcome: z.object({ created: z.array(z.object({ itemId: z.string(), key: z.string() })) }) }),
  }),
);

beforeAll(async () => {
  session = await startPanelSession();
  const { forge } = session.server;
  ok(z.unknown()).parse(await forge.invoke('provision', {}));
  const run = status.parse(await forge.invoke('provisioningStatus', {})).value.run;
  for (const { itemId, key } of run.outcome.created) keys.set(itemId.split('/').slice(1).join('/'), key);
  page = await session.open();
  await page.setViewportSize({ width: 800, height: 900 });
  dark = await session.browser.newContext({ viewport: { width: 800, height: 900 }, colorScheme: 'dark' });
});
afterAll(async () => {
  await session?.close();
});

/** The local Jira's page of `key`, and the Handoff frame beside the issue. */
async function openIssue(on: Page, key: string): Promise<FrameLocator> {
  await on.goto(`${session.server.jira.url}/browse/${key}`);
  const frame = on.frameLocator('iframe[title="Handoff"]');
  await frame.locator('main.issue-context').waitFor();
  return frame;
}

describe('the issue context beside an issue in the local Jira', () => {
  it("a provisioned promise's issue shows where it was promised and the issue it waits on", async () => {
    const sso = keys.get('promise/sso') ?? '';
    const azure = keys.get('dependency/azure-app') ?? '';
    const frame = await openIssue(page, sso);
    const source = frame.getByRole('link', { name: 'call-recording · at 00:41:10' });
    expect(await source.getAttribute('href')).toBe('https://calls.example.com/acme/discovery-2');
    const waitsOn = frame.getByRole('region', { name: 'Waits on' });
    expect(await waitsOn.getByRole('link', { name: azure }).getAttribute('href')).toBe(
      `${session.server.jira.url}/browse/${azure}`,
    );
    expect(await waitsOn.textContent()).toContain('Customer registers the Azure AD app');
    expect(await frame.getByRole('region', { name: 'Coverage' }).textContent()).toContain('Maps');
    await session.shot(page, '70-issue-context-promise');

    const darkPage = await dark.newPage();
    await openIssue(darkPage, sso);
    await session.shot(darkPage, '70-issue-context-promise-dark');
    await darkPage.close();
  });

  it('the approval owner approves a change request from its issue; anyone else sees why not', async () => {
    const { forge } = session.server;
    const loaded = ok(
      z.object({ record: z.object({ promises: z.array(z.object({ id: z.string() }).loose()) }).loose() }),
    );
    const record = loaded.parse(await forge.invoke('loadRecord', {})).value.record;
    const moved = {
      ...record,
      promises: record.promises.map((p) => (p.id === 'sso' ? { ...p, due: '2027-01-27' } : p)),
    };
    const { key } = ok(z.object({ key: z.string() })).parse(
      await forge.invoke('proposeChange', { record: moved }),
    ).value;

    let frame = await openIssue(page, key);
    const approve = frame.getByRole('button', { name: `Approve ${key}` });
    expect(await approve.isDisabled()).toBe(true);
    expect(await frame.locator('main').textContent()).toContain('Only Priya Nair (the approval owner) may decide');

    // The switch is inside the frame: choosing Priya reloads the frame as her.
    const select = frame.getByLabel('Viewing as', { exact: true });
    const priya = await select.locator('option', { hasText: 'Priya Nair · ' }).getAttribute('value');
    await select.selectOption(priya ?? '');
    frame = page.frameLocator('iframe[title="Handoff"]');
    await expect.poll(() => frame.getByRole('button', { name: `Approve ${key}` }).isEnabled()).toBe(true);
    expect(await frame.locator('main').textContent()).toContain('2027-01-27');
    await session.shot(page, '71-issue-context-change-request');

    await frame.getByRole('button', { name: `Approve ${key}` }).click();
    await frame.getByText(`${key} is approved: Handoff applies it now.`).waitFor();
    // Focus is on what happened, not dropped to the frame's <body>.
    await expect.poll(() => frame.locator('.trace-outcome').evaluate((el) => el === document.activeElement)).toBe(true);
    await session.shot(page, '72-issue-context-approved');

    const darkPage = await dark.newPage();
    await openIssue(darkPage, key);
    await session.shot(darkPage, '72-issue-context-approved-dark');
    await darkPage.close();
    expect(session.pageErrors).toEqual([]);
  });

  const settings =
    'the project settings page, linked from the Handoff page locally: an admin saves, a member reads why not';
  it(settings, async () => {
    await page.goto(session.server.url);
    await page.locator('section.gate').waitFor();
    await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: 'Project settings' }).click()]);
    const select = page.getByLabel('Viewing as', { exact: true });
    const as = async (name: string) => {
      const value = await select.locator('option', { hasText: `${name} · ` }).getAttribute('value');
      await Promise.all([page.waitForEvent('load'), select.selectOption(value ?? '')]);
    };
    // The last test left the site viewed as Priya, the approval owner; the admin changes settings.
    await as('Handoff Admin');
    const main = page.getByRole('main', { name: 'Handoff settings of DEL' });
    await main.waitFor();
    await main.getByLabel('Default approval owner (e-mail)').fill('maria.lopez@vendor.example');
    await main.getByRole('button', { name: 'Save the approval owner' }).click();
    await page.getByText('The default approval owner saved.').waitFor();
    // Acme names its own approval owner: the page says the record's wins.
    expect(await main.textContent()).toContain('In force: priya.nair@vendor.example — the record names it');
    await session.shot(page, '73-settings-admin');

    const darkPage = await dark.newPage();
    await darkPage.goto(`${session.server.url}/?module=settings`);
    await darkPage.getByRole('main', { name: 'Handoff settings of DEL' }).waitFor();
    await session.shot(darkPage, '73-settings-admin-dark');
    await darkPage.close();

    await as('Maria Lopez');
    await page.getByText('Only administrators of DEL may change its Handoff settings').waitFor();
    expect(await page.getByLabel('Default approval owner (e-mail)').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Save the approval owner' }).count()).toBe(0);
    await session.shot(page, '74-settings-read-only');
    expect(session.pageErrors).toEqual([]);
  });
});
