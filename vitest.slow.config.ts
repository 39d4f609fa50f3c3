import { defineConfig } from 'vitest/config';

// The slow suites, run by `npm run test:e2e` and `npm run test:reliability` (and CI).
export default defineConfig({
  test: {
    projects: [
      // The panel in Chromium, after building it.
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 } },
      // Kill-and-rerun, restarts and concurrency, with real OS processes.
      { test: { name: 'reliability', include: ['test/reliability/**/*.test.ts'], testTimeout: 1_800_000 } },
    ],
  },
});
