import { describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../support/axe.js';
import { signedInPage } from '../support/browser-session.js';
import { demoActors } from '../support/demo-actors.js';
import { browserHarness } from '../support/e2e.js';
import { demoUsers } from '../support/session.js';

describe('the meetings page shows a published agenda at once, in Chromium', () => {
  const h = browserHarness();
  const { post } = demoActors(() => h.server.url);

  it('a member sees the "Agenda published" banner for the next meeting appear without reloading', async () => {
    const { page } = await signedInPage(h.browser, h.server.url, demoUsers.member, '/');
    page.setDefaultTimeout(10_000);
    await page.getByRole('heading', { level: 1, name: 'Meetings' }).waitFor();
    const banner = page.locator('#notice-demo-following');
    // This week's agenda was published by the demo; next week's not yet.
    expect(await banner.count()).toBe(0);
    // A mark on this document: a reload would lose it.
    await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));

    expect((await post('coordinator', '/meetings/demo-following/agenda/publish', {})).status).toBe(200);
    await banner.getByRole('heading', { name: 'Agenda published' }).waitFor();
    await banner.getByRole('link', { name: 'Add your research' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
