import { defineConfig } from 'vitest/config';

// The Tracker contract against a real Jira site and a real Asana workspace: `npm run test:live`
// (test/live/run-live.ts), never `npm test` or CI. Real APIs are slow and rate-limited, and
// one file's tracker is enough load: files run one at a time, with long timeouts.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'live',
          include: ['test/live/**/*.live.test.ts'],
          testTimeout: 900_000,
          hookTimeout: 900_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
