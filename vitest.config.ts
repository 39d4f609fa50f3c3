import { defineConfig } from 'vitest/config';

// Separate projects so a suite can be run alone: `vitest run --project contract`.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'src/**/*.test.ts'] } },
      { test: { name: 'local', include: ['test/local/**/*.test.ts'], testTimeout: 30_000 } },
      { test: { name: 'contract', include: ['test/contract/**/*.test.ts'], testTimeout: 60_000 } },
      { test: { name: 'forge', include: ['test/forge/**/*.test.ts'], testTimeout: 60_000 } },
    ],
  },
});
