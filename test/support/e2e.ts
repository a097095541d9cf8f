import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from './server.js';
import { launchChromium } from './browser.js';

/** One real server and one real Chromium per test file, closed after it. Read the fields inside tests. */
export function browserHarness(): { server: TestServer; browser: Browser } {
  const harness = {} as { server: TestServer; browser: Browser };
  beforeAll(async () => {
    harness.server = await startTestServer();
    harness.browser = await launchChromium();
  });
  afterAll(async () => {
    await harness.browser?.close();
    await harness.server?.cleanup();
  });
  return harness;
}
