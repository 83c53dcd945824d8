import { defineConfig } from 'vitest/config';

const shared = {
  // PGlite instances are heavy (WASM); two workers fit this machine's 2 cores.
  maxWorkers: 2,
  testTimeout: 60_000,
  hookTimeout: 120_000,
  // One migrated PGlite template per run (test/support/pglite-template.ts).
  globalSetup: ['test/support/global-setup.ts'],
};

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'server',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['test/browser/**'],
          sequence: { groupOrder: 0 },
          // Each file imported the whole server again in a fresh module graph: 693 s of module
          // loading summed over a run, against 38 s when a worker keeps its modules (measured
          // 2026-12-06 on the same suite, same load: 11.6 → 8.5 min of CPU). The files share no
          // module state that matters: each opens its own database, and module-level memos are
          // keyed by the database object.
          isolate: false,
        },
      },
      // The browser suites run after the others, with the machine to themselves: Chromium and a
      // Vite build beside two database workers made timings flaky on 2 cores.
      {
        // A browser test is a whole journey (sign in, a dozen screens): at load 16 on 2 cores one took
        // over 60 s, so the journeys get four minutes. Each step still has its own 30 s wait.
        test: { ...shared, testTimeout: 240_000, name: 'browser', include: ['test/browser/**/*.test.ts'], sequence: { groupOrder: 1 },
          // The built web app and the seeded demo county, made once for all browser suites.
          globalSetup: [...shared.globalSetup, 'test/browser/global-setup.ts'] },
      },
    ],
  },
});
