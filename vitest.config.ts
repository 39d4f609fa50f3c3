import { defineConfig } from 'vitest/config';

// Separate projects so a suite can be run alone: `vitest run --project contract`.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'src/**/*.test.ts'] } },
      { test: { name: 'local', include: ['test/local/**/*.test.ts'], testTimeout: 30_000 } },
      { test: { name: 'contract', include: ['test/contract/**/*.test.ts'], testTimeout: 60_000 } },
      { test: { name: 'forge', include: ['test/forge/**/*.test.ts'], testTimeout: 60_000 } },
      // Bad input (fuzzing, huge and deep records, inert text) and security (permissions, crafted keys, token leaks).
      { test: { name: 'security', include: ['test/security/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 60_000 } },
      // Kill-and-rerun, restarts, storms and concurrency, with real OS processes (npm run test:reliability).
      { test: { name: 'reliability', include: ['test/reliability/**/*.test.ts'], testTimeout: 1_800_000 } },
      // The panel in Chromium (npm run test:e2e, after building it); `npm test` leaves it out.
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 } },
    ],
  },
});
