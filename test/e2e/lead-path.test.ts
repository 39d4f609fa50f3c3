import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockerPaths, field, gateSays, gateSummary, openSection, openTab, saved, viewAs } from './support/panel-page';
import { startPanelSession, type PanelSession } from './support/panel-session';

/**
 * A project lead's path through the panel, in a real browser, end to end: open the page,
 * import a record that is not ready, see its blockers, fix them in the form, collect the
 * sign-offs, see GO, preview the plan, provision, watch the progress, and open a created issue
 * in the local Jira. Each step leaves a screenshot in test-results/.
 */
let session: PanelSession;
let page: Page;

beforeAll(async () => {
  // Every plan through the queue and a slower Jira, so the progress of a run can be seen.
  session = await startPanelSession({ limits: { inlineItems: 0 }, jiraLatencyMs: 300 });
  page = await session.open();
});
afterAll(async () => {
  await session?.close();
});

describe('a lead provisions a handoff from the panel', () => {
  it('opens on the seeded record of DEL, which gates go', async () => {
    await page.getByRole('heading', { level: 1, name: 'Acme Logistics onboarding' }).waitFor();
    expect(await gateSays(page, 'Go')).toBe('Ready to provision');
    await session.shot(page, '01-open');
  });

  it('imports the not-yet example and sees every blocker with its field', async () => {
    await page.getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a handoff record' });
    await dialog.getByLabel('An example record').selectOption('skylark-support-not-yet');
    await expect.poll(() => dialog.getByLabel('Or paste it here').inputValue()).toContain('skylark-deskline-2026');
    // The dialog says what the import does to the saved record before anything happens.
    expect(await dialog.getByTestId('import-intent').textContent()).toContain(
      'This replaces the saved "Acme Logistics onboarding"',
    );
    await session.shot(page, '02-import-dialog');
    await dialog.getByRole('button', { name: 'Replace and save' }).click();
    await page.getByRole('heading', { name: 'Imported — it replaced "Acme Logistics onboarding"' }).waitFor();
    await page.getByRole('button', { name: 'Keep it' }).click();

    expect(await gateSays(page, 'Not yet')).toBe('10 blockers before go');
    expect(await blockerPaths(page)).toEqual(
      expect.arrayContaining([
        'timeline.goLive',
        'promises[2].owner',
        'promises[2].due',
        'dependencies[1].due',
        'promises[1].due',
        'exceptions[0].approvedBy',
        'signoffs.operations',
      ]),
    );
    await session.shot(page, '03-not-yet');
  });

  it('follows a blocker to the field that causes it', async () => {
    await page
      .locator('section.gate')
      .getByRole('button', { name: /^Promise 3 · .+ — Owner$/ })
      .click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('field:promises[2].owner');
    expect(await page.locator('[id="field:promises[2].owner:messages"]').textContent()).toContain('has no owner');
    await session.shot(page, '04-blocker-focused');
  });

  it('keeps the gate in view below the banner: the count and the next blocker in form order', async () => {
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const bar = page.getByRole('region', { name: 'Gate' });
    await bar.waitFor();
    expect(await bar.textContent()).toContain('10 blockers');
    // The field last focused was promise 3's owner: the next blocker after it in the form is its due date.
    await bar.getByRole('button', { name: /^Next: Promise 3 · .+ — Due$/ }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('field:promises[2].due');
    await session.shot(page, '04b-gate-bar');
  });

  it('fixes the blockers in the form and saves', async () => {
    await field(page, 'promises[2].owner').fill('priya.nair@vendor.example');
    await field(page, 'promises[2].due').fill('kickoff+15bd');
    await field(page, 'promises[1].due').fill('2026-12-22');
    await openSection(page, 'Dependencies');
    await field(page, 'dependencies[1].due').fill('kickoff+5bd');
    await openSection(page, 'Exceptions');
    await field(page, 'exceptions[0].approvedBy').fill('priya.nair@vendor.example');
    await page.locator('section.gate').getByRole('button', { name: 'Timeline · Go-live' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('field:timeline.goLive');
    await page.keyboard.type('2027-02-15');
    // The gate follows the draft as it is typed: no save needed to see what is left.
    await expect.poll(() => gateSummary(page)).toBe('3 blockers before go');
    expect(await page.getByTestId('gate-basis').textContent()).toContain('with your unsaved changes');
    expect(await page.locator('[id="field:timeline.goLive:messages"]').textContent()).not.toContain('Blocks go');
    await session.shot(page, '05a-live-gate-unsaved');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await saved(page);

    await expect.poll(() => gateSummary(page), { timeout: 15_000 }).toBe('3 blockers before go');
    expect(await blockerPaths(page)).toEqual([
      'signoffs.operations',
      'signoffs.delivery.blockers[0]',
      'signoffs.delivery.blockers[1]',
    ]);
    await session.shot(page, '05-fixed');
  });

  it('collects the operations and delivery sign-offs, each from its person, and the gate says go', async () => {
    // Each sign-off is given by the person the record names for it, signed in as themselves.
    await viewAs(page, 'Ops Lead');
    await page.locator('section.gate').getByRole('button', { name: 'Sign-off · Operations' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('field:signoffs.operations');
    await expect.poll(() => field(page, 'signoffs.operations').textContent()).toBe('You can sign as operations.');
    await page.getByRole('button', { name: 'Sign off as operations' }).click();
    // Focus stays in the card that was signed, not on <body>.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('field:signoffs.operations:title');

    await viewAs(page, 'Maria Lopez');
    await openTab(page, 'Sign-offs');
    await page.getByRole('radio', { name: 'Ready' }).check();
    await page.getByRole('button', { name: 'Sign off as delivery' }).click();

    expect(await gateSays(page, 'Go')).toBe('Ready to provision');
    await session.shot(page, '06-signed-off-go');
    await viewAs(page, 'Handoff Admin');
  });

  it('previews the plan: issues, owners, dates, links and promise coverage', async () => {
    await openTab(page, 'Plan');
    const planned = page.getByRole('table', { name: 'Planned issues' });
    await planned.waitFor();
    const token = planned.getByRole('row').filter({ hasText: 'Skylark creates a Zendesk API token' });
    // The owner by name, as Jira knows them (the e-mail until Jira has answered).
    await expect
      .poll(() => token.textContent())
      .toMatch(
        /^\[customer\] Skylark creates a Zendesk API token.*Sam OkaforDec 11, 2026Migrate three years of Zendesk tickets/,
      );
    expect(await page.locator('#coverage-title').textContent()).toContain('Complete');
    await session.shot(page, '07-plan');
  });

  it('provisions, with progress, then every item with a link to its issue', async () => {
    await openTab(page, 'Provision');
    await page.getByRole('button', { name: /^Provision \d+ issues in DEL$/ }).click();
    await expect
      .poll(() => page.getByTestId('progress-label').textContent(), { timeout: 15_000 })
      .toMatch(/^(Queued|Looking|Creating|Linking)/);
    await session.shot(page, '08-progress');
    await page.getByTestId('results-summary').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('results-summary').textContent()).toMatch(
      /^\d+ created, 0 already there, 0 failed · \d+ links created/,
    );
    await session.shot(page, '09-results');
  });

  it('says it is provisioned: when, how many issues, all of them a click away, each key on its item', async () => {
    expect(await gateSays(page, 'Go')).toBe('Provisioned');
    const line = (await page.getByTestId('provisioned-line').textContent()) ?? '';
    expect(line).toMatch(/^8 issues in DEL, provisioned .+ by .+ from the Handoff page · Open them in Jira$/);
    const search = await page.getByTestId('provisioned-line').getByRole('link').getAttribute('href');
    expect(decodeURIComponent(search ?? '')).toContain('labels = "handoff-skylark-deskline-2026"');
    expect(await page.getByRole('button', { name: 'Check the issues in DEL again' }).isEnabled()).toBe(true);
    await openTab(page, 'Plan');
    const epic = page.getByRole('table', { name: 'Planned issues' }).getByRole('row').nth(1);
    expect(await epic.getByRole('link').first().textContent()).toMatch(/^DEL-\d+$/);
    await session.shot(page, '09a-provisioned-state');
    await openTab(page, 'Provision');
  });

  it('refuses, before anything happens, to import another record over the provisioned one', async () => {
    await page.getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a handoff record' });
    await dialog.getByLabel('An example record').selectOption('acme-onboarding');
    await expect
      .poll(() => dialog.getByTestId('import-intent').textContent())
      .toContain('is provisioned in DEL, so "Acme Logistics onboarding" cannot replace it');
    expect(await dialog.getByRole('button', { name: 'Import and save' }).isDisabled()).toBe(true);
    await session.shot(page, '09b-import-refused-over-provisioned');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Skylark');
  });

  it('opens a created issue in the local Jira: key, assignee, due date and its Blocks link', async () => {
    const row = page
      .getByRole('table', { name: 'Provisioned issues' })
      .getByRole('row')
      .filter({ hasText: 'Skylark creates a Zendesk API token' });
    const link = row.getByRole('link');
    const key = (await link.textContent()) ?? '';
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toBe(`${session.server.jira.url}/browse/${key}`);

    const issue = await page.context().newPage();
    await issue.goto(href);
    expect(await issue.locator('h1').textContent()).toMatch(
      new RegExp(`^${key}: \\[customer\\] Skylark creates a Zendesk API token`),
    );
    // The page's markup is indented (Prettier formats the emulator's HTML template), so runs of white space are one.
    const text = ((await issue.locator('dl').textContent()) ?? '').replace(/\s+/g, ' ');
    expect(text).toContain('Assignee Sam Okafor');
    expect(text).toContain('Due date 2026-12-11');
    expect(text).toMatch(/blocks DEL-\d+ Migrate three years of Zendesk tickets/);
    await session.shot(issue, '10-issue-in-local-jira');
  });

  it('reads the five-minute summary of what was handed off', async () => {
    await openTab(page, 'Summary');
    await page.locator('article.markdown h1', { hasText: 'Skylark Analytics' }).waitFor();
    expect(await page.locator('article.markdown').textContent()).toContain('GO as of 2026-12-01');
    await session.shot(page, '11-summary');
  });

  it('shows the same page in the dark theme', async () => {
    const dark = await session.open({ colorScheme: 'dark' });
    await gateSays(dark, 'Go');
    expect(await dark.evaluate(() => document.documentElement.getAttribute('data-color-mode'))).toBe('dark');
    await session.shot(dark, '12-dark-theme');
  });

  it('ran without a console error or an uncaught exception', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
