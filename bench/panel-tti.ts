/**
 * The project page's time to interactive on the local site: what `npm start` serves (the built
 * panel, the resolvers on the local Jira at `LATENCY_MS` a request), opened in Chromium
 * (playwright-core, /usr/bin/chromium) in a fresh context each time. Interactive = the gate's
 * verdict is on screen (it needs loadRecord, gate and plan answered), read from the page's own
 * `performance.now()`, i.e. from the start of navigation. Also counts the Jira requests of each
 * open at the local Jira. Needs `npm run build:panel` first.
 */
import { startPanelSession } from '../test/e2e/support/panel-session';
import { spread, type Spread } from './spread';

export type PageOpen = {
  runs: number;
  latencyMs: number;
  /** Milliseconds from navigation start, medians with [min, max]. */
  domContentLoaded: Spread;
  interactive: Spread;
  jiraRequests: Spread;
};
const LATENCY_MS = 100;
const RUNS = 5;

export async function measurePageOpen(): Promise<PageOpen> {
  const session = await startPanelSession({ jiraLatencyMs: LATENCY_MS });
  const samples: Array<{ dcl: number; interactive: number; requests: number }> = [];
  try {
    // One open first, not counted: the first resolver calls compile what later ones reuse.
    await (await session.open()).close();
    for (let i = 0; i < RUNS; i += 1) {
      session.server.jira.resetStats();
      const page = await session.open();
      const interactive = await page.waitForFunction(
        () => (document.querySelector('section.gate .lozenge') ? performance.now() : false),
        undefined,
        { polling: 'raf', timeout: 60_000 },
      );
      const dcl = await page.evaluate(
        () => performance.getEntriesByType('navigation')[0]?.toJSON().domContentLoadedEventEnd ?? 0,
      );
      samples.push({
        dcl,
        interactive: Number(await interactive.jsonValue()),
        requests: session.server.jira.stats().total,
      });
      await page.context().close();
    }
  } finally {
    await session.close();
  }
  if (session.pageErrors.length) throw new Error(`the page reported errors: ${session.pageErrors.join('; ')}`);
  return {
    runs: RUNS,
    latencyMs: LATENCY_MS,
    domContentLoaded: spread(samples.map((s) => s.dcl)),
    interactive: spread(samples.map((s) => s.interactive)),
    jiraRequests: spread(samples.map((s) => s.requests)),
  };
}
