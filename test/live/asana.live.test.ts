import { describe, it } from 'vitest';
import { testTracker } from '../contract/tracker-contract';
import { liveAsanaHarness } from './asana-live';
import { RUN_ID, asanaLiveSettings } from './live-env';

/** The Tracker contract on a real Asana workspace (npm run test:live); skipped, saying what to set, without one. */
const live = asanaLiveSettings();
if (live.ready) {
  const { settings } = live;
  testTracker(`asana ${settings.ASANA_TOKEN_KIND} live ${RUN_ID}`, () => liveAsanaHarness(settings, console.log), {
    live: true,
  });
} else {
  describe('Tracker contract: live Asana', () => it.skip(live.skipped, () => {}));
}
