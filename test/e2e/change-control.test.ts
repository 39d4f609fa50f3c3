import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { caughtUp } from '../support/caught-up';
import { LOCAL_ADMIN } from '../../emulators/jira/seed';
import { gateSays, importAcmeApprovedByAdmin, provisionAll, saved, editAcmeForAChange } from './support/panel-page';
import { startPanelSession, type PanelSession } from './support/panel-session';

/**
 * Change control in a real browser, end to end: a provisioned record whose approval owner is
 * the dev server's user is edited (a promise moves, a promise is added), the edit is proposed
 * instead of saved, approved, applied by the queue, and Jira has the moved due date and the
 * new promise's issue. Screenshots 40 onwards in test-results/.
 */
let session: PanelSession;
let page: Page;
let changeKey = '';

const ADDED = 'Weekly depot rollout status e-mail';
const issues = z.object({
  issues: z.array(
    z.object({ key: z.string(), fields: z.object({ summary: z.string(), duedate: z.string().nullable().optional() }) }),
  ),
});

/** Issues of DEL whose summary has `words`, through the local Jira's REST API as its admin. */
async function jiraSearch(words: string) {
  const url = new URL(`${session.server.jira.url}/rest/api/3/search/jql`);
  url.searchParams.set('jql', 'project = DEL');
  url.searchParams.set('fields', 'summary,duedate');
  url.searchParams.set('maxResults', '100');
  // What Jira holds once its index has caught up: the test must not share the search lag.
  const response = await caughtUp(session.server.jira, () =>
    fetch(url, {
      headers: {
        authorization: `Basic ${Buffer.from(`${LOCAL_ADMIN.email}:${LOCAL_ADMIN.apiToken}`).toString('base64')}`,
      },
    }),
  );
  expect(response.status).toBe(200);
  return issues.parse(await response.json()).issues.filter((i) => i.fields.summary.includes(words));
}

beforeAll(async () => {
  session = await startPanelSession();
  page = await session.open();
});
afterAll(async () => {
  await session?.close();
});

describe('a provisioned record changes only through an approved change', () => {
  it('imports a record the dev user approves changes of, and provisions it', async () => {
    await page.getByRole('heading', { level: 1, name: 'Acme Logistics onboarding' }).waitFor();
    await importAcmeApprovedByAdmin(page);
    await gateSays(page, 'Go');

    await provisionAll(page);
    expect(await jiraSearch('Import two years of delivery history')).toEqual([
      expect.objectContaining({ fields: expect.objectContaining({ duedate: '2027-01-20' }) }),
    ]);
  });

  it('edits the provisioned record: Save has become Propose change', async () => {
    await editAcmeForAChange(page, ADDED);
    const toolbar = page.getByRole('toolbar', { name: 'Record' });
    expect(await toolbar.getByRole('button', { name: 'Save', exact: true }).count()).toBe(0);
    // The toolbar, where Propose change now stands, is at the top of the page.
    await page.evaluate(() => window.scrollTo(0, 0));
    await session.shot(page, '40-edited-provisioned-record');

    await toolbar.getByRole('button', { name: 'Propose change' }).click();
    const proposal = page.locator('section.proposal');
    await proposal.waitFor({ timeout: 15_000 });
    const link = proposal.getByRole('heading').getByRole('link');
    changeKey = (await link.textContent()) ?? '';
    expect(changeKey).toMatch(/^DEL-\d+$/);
    expect(await link.getAttribute('href')).toBe(`${session.server.jira.url}/browse/${changeKey}`);
    // The pending request shows what it changes, read back from Jira.
    const pending = page
      .getByRole('list', { name: 'Change requests' })
      .getByRole('listitem')
      .filter({ hasText: changeKey });
    await pending.locator('.change-set').waitFor({ timeout: 15_000 });
    const listed = (await pending.textContent()) ?? '';
    expect(listed).toContain(ADDED);
    expect(listed).toMatch(/Import two years of delivery history.*Due: 2027-01-20 → 2027-01-27/);
    // The import that brought this record in cannot be undone once its issues exist.
    expect(await page.getByRole('button', { name: 'Undo the import' }).count()).toBe(0);
    // The toolbar says the draft is proposed, and offers nothing more to do with it.
    expect(await page.getByTestId('save-state').textContent()).toBe(
      `Proposed as ${changeKey} — the record changes once it is approved`,
    );
    expect(await toolbar.getByRole('button', { name: 'Proposed' }).isDisabled()).toBe(true);
    await session.shot(page, '41-change-proposed');
  });

  it('is approved, applied by the queue, and Jira has the new date and the new issue', async () => {
    const request = page
      .getByRole('list', { name: 'Change requests' })
      .getByRole('listitem')
      .filter({ hasText: changeKey });
    await request.getByRole('button', { name: `Approve ${changeKey}` }).click();
    await expect.poll(() => request.locator('.lozenge').textContent(), { timeout: 30_000 }).toBe('applied');
    // The applied record is now the saved one: nothing left to propose.
    await saved(page);
    await session.shot(page, '42-change-applied');

    expect(await jiraSearch('Import two years of delivery history')).toEqual([
      expect.objectContaining({ fields: expect.objectContaining({ duedate: '2027-01-27' }) }),
    ]);
    expect(await jiraSearch(ADDED)).toEqual([
      expect.objectContaining({ fields: expect.objectContaining({ duedate: '2027-01-15' }) }),
    ]);
  });

  it('shows the change history proposed → approved → applied, and coverage both ways', async () => {
    const history = page.getByRole('table', { name: 'Change history' });
    await expect
      .poll(async () => (await history.locator('tbody tr td:nth-child(2)').allTextContents()).join(' → '))
      .toBe('proposed → approved → applied');
    expect(await page.locator('#two-way-title').textContent()).toContain('Complete');
    await page.locator('#change-history-title').scrollIntoViewIfNeeded();
    await session.shot(page, '43-change-history-and-coverage');
  });

  it('ran without a console error or an uncaught exception', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
