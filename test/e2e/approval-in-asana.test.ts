import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LOCAL_ASANA_OAUTH_TOKEN, localAsanaTokens } from '../../emulators/asana/index';
import { field, gateSays, importAcmeApprovedByAdmin, openCard, openSection, openTab } from './support/panel-page';
import { startPanelSession, type PanelSession } from './support/panel-session';

/**
 * Issue 17, point 4, in Chromium against what `npm start` runs: a record provisioned in Asana from
 * the panel, a change proposed there, and its task completed in Asana — first by someone who is
 * not its approval owner (nothing applied, told so on the task), then by the approval owner — and
 * the change is applied with nobody pressing Approve or running `change apply`: the local Asana's
 * signed webhook reaches the app's web trigger, served on the panel's port as Forge serves it.
 * Screenshots 90 onwards in test-results/.
 */
let session: PanelSession;
let page: Page;
let taskGid = '';

beforeAll(async () => {
  session = await startPanelSession();
  page = await session.open({ context: await session.browser.newContext({ viewport: { width: 800, height: 900 } }) });
  await page.locator('section.gate').waitFor();
});
afterAll(async () => {
  await session?.close();
});

/** Completes (or reopens) the change request's task in Asana as the holder of `token`, as its web app would. */
async function complete(token: string, completed: boolean): Promise<void> {
  const answer = await fetch(`${session.server.asana.url}/tasks/${taskGid}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ data: { completed } }),
  });
  expect(answer.status).toBe(200);
}

/** What the task's comments say, read from Asana. */
async function comments(): Promise<string> {
  const answer = await fetch(`${session.server.asana.url}/tasks/${taskGid}/stories?opt_fields=text,type`, {
    headers: { authorization: `Bearer ${LOCAL_ASANA_OAUTH_TOKEN}` },
  });
  const stories = z.object({ data: z.array(z.object({ text: z.string().optional() })) }).parse(await answer.json());
  return stories.data.map((s) => s.text ?? '').join('\n');
}

describe('a change approved by completing its task in Asana', () => {
  it('provisions the record in an Asana team from the panel', async () => {
    await importAcmeApprovedByAdmin(page);
    await openTab(page, 'Provision');
    await page.getByRole('radio', { name: 'An Asana team' }).check();
    const [consent] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('button', { name: 'Connect Asana' }).click(),
    ]);
    await consent.getByLabel('Signed in as').selectOption({ label: 'Handoff Admin (admin@handoff.local)' });
    await consent.getByRole('button', { name: 'Allow' }).click();
    const workspace = page.getByLabel('Workspace', { exact: true });
    await expect.poll(() => workspace.locator('option').count()).toBeGreaterThan(1);
    await workspace.selectOption({ index: 1 });
    await page.getByLabel('Team', { exact: true }).selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Provision in this Asana team' }).click();
    await gateSays(page, 'Go');
    await page.getByRole('button', { name: /^Provision \d+ tasks in Asana · / }).click();
    await page.getByTestId('results-summary').waitFor({ timeout: 30_000 });
  });

  it('proposes a change: its request is a task in Asana, linked from the panel', async () => {
    await openTab(page, 'Record');
    await openSection(page, 'Promises');
    await openCard(page, 'promises[1]');
    await field(page, 'promises[1].due').fill('2027-01-27');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByRole('toolbar', { name: 'Record' }).getByRole('button', { name: 'Propose change' }).click();
    const link = page.locator('section.proposal').getByRole('heading').getByRole('link');
    await link.waitFor({ timeout: 15_000 });
    taskGid = (await link.textContent()) ?? '';
    expect(taskGid).toMatch(/^\d+$/);
    expect(await link.getAttribute('href')).toBe(`${new URL(session.server.asana.url).origin}/0/0/${taskGid}`);
    await session.shot(page, '90-asana-change-proposed');
  });

  it("someone else's completion applies nothing, and the task says why", async () => {
    await complete(localAsanaTokens('sam.okafor@vendor.example').oauthToken, true);
    await expect.poll(comments, { timeout: 15_000 }).toContain('Not applied');
    const request = page
      .getByRole('list', { name: 'Change requests' })
      .getByRole('listitem')
      .filter({ hasText: taskGid });
    await page.reload();
    await openTab(page, 'Changes');
    await request.waitFor({ timeout: 15_000 });
    expect(await request.locator('.lozenge').textContent()).not.toBe('applied');
  });

  it("the approval owner's completion applies it, with nobody pressing Approve", async () => {
    await complete(LOCAL_ASANA_OAUTH_TOKEN, false);
    await complete(LOCAL_ASANA_OAUTH_TOKEN, true);
    const request = page
      .getByRole('list', { name: 'Change requests' })
      .getByRole('listitem')
      .filter({ hasText: taskGid });
    await expect
      .poll(
        async () => {
          await page.reload();
          await openTab(page, 'Changes');
          await request.waitFor({ timeout: 15_000 });
          return request.locator('.lozenge').textContent();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe('applied');
    await session.shot(page, '91-asana-change-applied-from-asana');
    const history = page.getByRole('table', { name: 'Change history' });
    await expect
      .poll(async () => (await history.locator('tbody tr td:nth-child(2)').allTextContents()).join(' → '))
      .toMatch(/proposed → .*approved → applied$/);
  });

  it('ran without a console error or an uncaught exception', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
