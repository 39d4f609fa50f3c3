import { defineConfig } from 'vitest/config';

// Separate projects so a suite can be run alone: `vitest run --project contract`. The slow
// suites (the panel in Chromium, reliability with real OS processes) live in
// vitest.slow.config.ts, so `npm test` stays a few minutes.
export default defineConfig({
  test: {
    projects: [
      // 30 s, not vitest's 5 s: a few unit tests run eslint, spawn bin/handoff.js or run fast-check
      // properties, which take a few seconds on a 2-core machine other suites keep busy.
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'src/**/*.test.ts'], testTimeout: 30_000 } },
      { test: { name: 'emulators', include: ['test/emulators/**/*.test.ts'], testTimeout: 30_000 } },
      { test: { name: 'contract', include: ['test/contract/**/*.test.ts'], testTimeout: 60_000 } },
      { test: { name: 'forge', include: ['test/forge/**/*.test.ts'], testTimeout: 60_000 } },
      // The Asana app server (App Components) against the local Asana, which fires its signed requests.
      { test: { name: 'asana-app', include: ['test/asana-app/**/*.test.ts'], testTimeout: 60_000 } },
      // Bad input (fuzzing, huge and deep records, inert text) and security (permissions, crafted keys, token leaks).
      {
        test: { name: 'security', include: ['test/security/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 60_000 },
      },
    ],
  },
});
