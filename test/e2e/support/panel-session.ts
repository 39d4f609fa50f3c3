import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startDevServer, type DevServer, type DevServerOptions } from '../../../src/dev-server/index';

/** Debian's Chromium, never a downloaded one (`.ci/run` installs the `chromium` package). */
export const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const SCREENSHOTS = resolve(fileURLToPath(new URL('../../..', import.meta.url)), 'test-results');

/** The day the e2e tests live on: every example except the not-yet one gates go. */
export const TODAY = '2026-12-01';

export type PanelSession = {
  server: DevServer;
  browser: Browser;
  /** Opens a page of the panel in a fresh browser context (its own storage), light unless told. */
  open(options?: { colorScheme?: 'light' | 'dark'; context?: BrowserContext }): Promise<Page>;
  /** Writes `test-results/<name>.png`. */
  shot(page: Page, name: string): Promise<void>;
  /** Console errors and uncaught exceptions of every page opened: a clean run has none. */
  pageErrors: string[];
  close(): Promise<void>;
};

/**
 * What `npm start` runs — the built panel, the bridge stand-in, the resolvers on the local Jira
 * and Asana — on free ports and a fresh data directory, and Chromium driven by playwright-core.
 */
export async function startPanelSession(options: DevServerOptions = {}): Promise<PanelSession> {
  const dataDir = mkdtempSync(join(tmpdir(), 'handoff-e2e-'));
  const serverLog: string[] = [];
  const server = await startDevServer({
    port: 0,
    jiraPort: 0,
    asanaPort: 0,
    intakePort: 0,
    asanaAppPort: 0,
    dataDir,
    fresh: true,
    today: TODAY,
    log: (line) => serverLog.push(line),
    ...options,
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  const pageErrors: string[] = [];
  mkdirSync(SCREENSHOTS, { recursive: true });

  return {
    server,
    browser,
    pageErrors,
    async open({ colorScheme = 'light', context } = {}) {
      const ctx = context ?? (await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme }));
      const page = await ctx.newPage();
      page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        // Atlaskit's feature-flag client warns that it was never initialised; nothing the panel does.
        if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
      });
      await page.goto(server.url);
      return page;
    },
    async shot(page, name) {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
    },
    async close() {
      await browser.close();
      await server.close();
      if (serverLog.length) console.error(serverLog.join('\n'));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
