import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/property-seed.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser tests each start Chromium; two cores run them one file at a time.
    fileParallelism: false,
    // Each file in a fresh module graph (isolate, vitest's default): with one shared graph, a file that failed half-way
    // left state behind (a server, a timer, a browser) that made later files time out one after another in CI.
    isolate: true,
  },
});
