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
    // One worker runs every file, keeping the modules it loaded: loading the server's module graph again for each of
    // ~90 files was the largest part of the suite's time. So a test file keeps no state in shared modules and closes
    // every server, client and timer it starts (the harnesses in test/support do).
    isolate: false,
  },
});
