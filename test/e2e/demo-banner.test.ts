/** Issue 12 item 9: while the database holds the synthetic demo, every page says "Demo data" in words; otherwise none does. */
import { describe, expect, it } from 'vitest';
import { demoMeetingId } from '../../server/seed/demo.js';
import { browserHarness } from '../support/e2e.js';
import { signedInPage } from '../support/browser-session.js';
import { seriousAxeViolations } from '../support/axe.js';
import { demoUsers } from '../support/session.js';
import { startTestServer } from '../support/server.js';

describe('the demo banner in Chromium', () => {
  const h = browserHarness();

  it('shows "Demo data" on the sign-in page and on every signed-in page of the demo, as an accessible region', async () => {
    const context = await h.browser.newContext();
    const page = await context.newPage();
    await page.goto(h.server.url);
    const banner = page.getByRole('region', { name: 'Demo data' });
    await banner.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await banner.innerText()).toMatch(/^Demo data\b.*synthetic/);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();

    const signedIn = await signedInPage(h.browser, h.server.url, demoUsers.chair, `/meetings/${demoMeetingId}`);
    for (const path of [`/meetings/${demoMeetingId}`, '/', '/meetings/demo-previous/minutes', '/series/series-repeat-removals/actions']) {
      await signedIn.page.goto(`${h.server.url}${path}`);
      await signedIn.page.getByRole('region', { name: 'Demo data' }).waitFor({ state: 'visible', timeout: 10_000 });
    }
    await signedIn.context.close();
  });

  it('shows no banner for a database without the demo', async () => {
    const real = await startTestServer({ seedDemo: false });
    try {
      const context = await h.browser.newContext();
      const page = await context.newPage();
      // The page's own answer from /api/config decides the banner: wait for it, then look.
      const configAnswer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/config');
      await page.goto(real.url);
      expect(await (await configAnswer).json()).toEqual({ demo: false });
      await page.getByRole('button', { name: 'Sign in' }).waitFor({ state: 'visible', timeout: 10_000 });
      expect(await page.getByText('Demo data').count()).toBe(0);
      await context.close();
    } finally {
      await real.cleanup();
    }
  });
});
