import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from './server.js';
import { launchChromium } from './browser.js';
import { startTestSmtp, type TestSmtp } from './smtp.js';

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

/**
 * As browserHarness, with a real SMTP server the app sends through. The clock stands at 05:00 UTC today: before the
 * daily reminders' hour, so the SMTP server sees only what the test sends.
 */
export function mailBrowserHarness(): { smtp: TestSmtp; server: TestServer; browser: Browser } {
  const harness = {} as { smtp: TestSmtp; server: TestServer; browser: Browser };
  beforeAll(async () => {
    harness.smtp = await startTestSmtp();
    const clock = Date.parse(`${new Date().toISOString().slice(0, 10)}T05:00:00Z`);
    harness.server = await startTestServer({ config: { smtpUrl: harness.smtp.url }, now: () => clock });
    harness.browser = await launchChromium();
  });
  afterAll(async () => {
    await harness.browser?.close();
    await harness.server?.cleanup();
    await harness.smtp?.stop();
  });
  return harness;
}
