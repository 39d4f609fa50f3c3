import { describe, it } from 'vitest';
import { testTracker } from '../contract/tracker-contract';
import { liveJiraHarness } from './jira-live';
import { RUN_ID, jiraLiveSettings } from './live-env';

/** The Tracker contract on a real Jira site (npm run test:live); skipped, saying what to set, without one. */
const live = jiraLiveSettings();
if (live.ready) {
  const { settings } = live;
  testTracker(
    `jira ${settings.HANDOFF_LIVE_JIRA_PROJECT} live ${RUN_ID}`,
    () => liveJiraHarness(settings, console.log),
    {
      live: true,
    },
  );
} else {
  describe('Tracker contract: live Jira', () => it.skip(live.skipped, () => {}));
}
