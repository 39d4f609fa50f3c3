import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPanelSession, type PanelSession } from './support/panel-session';

/**
 * Issue 19, point 5: `npm start` shows Jira Automation and Rovo through local stand-ins that call
 * the app's real action functions. Against the seeded not-ready record (Skylark): the rule's
 * readiness step says not yet with its blockers and its provision step creates nothing; the
 * agent's readiness answer cites the blocking fields; "provision it" asks before it acts.
 * Screenshots test-results/stand-in-*.
 */
let session: PanelSession;
let page: Page;

beforeAll(async () => {
  session = await startPanelSession({ seed: 'skylark-support-not-yet' });
  const context = await session.browser.newContext({ viewport: { width: 800, height: 1000 } });
  page = await session.open({ context });
  await page.getByRole('link', { name: 'Automation rule' }).waitFor();
});
afterAll(async () => {
  await session?.close();
});

/** The value the result shows for a smart value or input name. */
const valueOf = (name: string) =>
  page.locator('#result dt', { hasText: name }).locator('xpath=following-sibling::dd[1]');

describe('local stand-ins for Automation and Rovo', () => {
  it('runs the Automation rule: readiness says not yet with its blockers; provisioning creates nothing', async () => {
    await page.getByRole('link', { name: 'Automation rule' }).click();
    await page.getByRole('button', { name: 'Run rule' }).click();
    await page.getByRole('heading', { name: 'Rule ran on DEL: two steps' }).waitFor();
    expect(await valueOf('{{handoff.readiness.decision}}').textContent()).toBe('not-yet');
    expect(await valueOf('{{handoff.readiness.ready}}').textContent()).toBe('false');
    expect(Number(await valueOf('{{handoff.readiness.blockerCount}}').textContent())).toBeGreaterThan(0);
    expect(await valueOf('{{handoff.readiness.blockerFields}}').textContent()).toContain('signoffs.operations');
    expect(await valueOf('{{handoff.run.outcome}}').textContent()).toBe('not-yet');
    expect(await valueOf('{{handoff.run.message}}').textContent()).toBe(
      'The gate says not yet, so nothing was created.',
    );
    await session.shot(page, 'stand-in-1-automation-not-yet');
  });

  it('asks the Rovo agent whether the handoff is ready: not yet, citing the blocking fields', async () => {
    await page.goto(`${session.server.url}/__local/rovo`);
    await page.getByRole('button', { name: 'Is this handoff ready, and what blocks it?' }).click();
    await page.getByRole('heading', { name: /→ action readiness$/ }).waitFor();
    await page.getByText(/^record field signoffs\.operations: /).waitFor();
    expect(await page.locator('#result a', { hasText: 'Handoff page' }).first().getAttribute('href')).toBe(
      `http://localhost:${new URL(session.server.url).port}/`,
    );
    expect(await page.locator('#result pre').textContent()).toContain('"decision": "not-yet"');
  });

  it('"provision it" asks to confirm first; the yes reaches the gate, which creates nothing', async () => {
    await page.getByRole('button', { name: 'Provision it.' }).click();
    await page.getByText(/^Provision “.+” \(skylark-deskline-2026\) in DEL\?$/).waitFor();
    expect(await page.locator('#result pre').textContent()).toContain('"started": false');
    await session.shot(page, 'stand-in-2-rovo-confirm');
    await page.getByRole('button', { name: 'Yes, provision it' }).click();
    await expect
      .poll(() => page.locator('#result pre').textContent())
      .toContain('The gate says not yet, so nothing was created.');
    expect(await valueOf('input confirmRecordId').textContent()).toBe('skylark-deskline-2026');
    await session.shot(page, 'stand-in-3-rovo-yes-not-yet');
    expect(session.pageErrors).toEqual([]);
  });

  it("dark, at 800 px: the agent page follows the reader's scheme", async () => {
    const context = await session.browser.newContext({ viewport: { width: 800, height: 1000 }, colorScheme: 'dark' });
    const dark = await context.newPage();
    await dark.goto(`${session.server.url}/__local/rovo`);
    await dark.getByRole('button', { name: 'What did sales promise about SSO?' }).click();
    await dark.getByRole('heading', { name: /→ action promises$/ }).waitFor();
    await session.shot(dark, 'stand-in-4-rovo-dark');
    await context.close();
  });

  it("refuses a run any other web page could fire: another origin, or a form's body", async () => {
    const run = (headers: Record<string, string>) =>
      fetch(`${session.server.url}/__local/automation/run`, { method: 'POST', headers, body: '{}' });
    expect((await run({ 'content-type': 'application/json', origin: 'http://evil.example' })).status).toBe(403);
    expect((await run({ 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(403);
    const ask = await fetch(`${session.server.url}/__local/rovo/ask`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ question: 4, confirmRecordId: 'skylark-deskline-2026' }),
    });
    expect(ask.status).toBe(403);
  });
});
