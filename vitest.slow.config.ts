import { defineConfig } from 'vitest/config';

// The slow suites, run by `npm run test:e2e` and `npm run test:reliability` (and CI).
export default defineConfig({
  test: {
    projects: [
      // The panel in Chromium, after building it. expect.poll waits 10 s, not vitest's 1 s: what it
      // waits for is often a resolver's round trip through the local Jira, which a busy 2-core CI
      // machine (CI failed on one at 1 s) can take longer than a second to answer.
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          expect: { poll: { timeout: 10_000 } },
        },
      },
      // Kill-and-rerun, restarts and concurrency, with real OS processes.
      { test: { name: 'reliability', include: ['test/reliability/**/*.test.ts'], testTimeout: 1_800_000 } },
    ],
  },
});
