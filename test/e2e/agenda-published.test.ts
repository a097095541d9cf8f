import { describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../support/axe.js';
import { holdSocketIo, signedInPage } from '../support/browser-session.js';
import { demoActors } from '../support/demo-actors.js';
import { browserHarness } from '../support/e2e.js';
import { demoUsers } from '../support/session.js';

describe('the meetings page shows a published agenda at once, in Chromium', () => {
  const h = browserHarness();
  const { post } = demoActors(() => h.server.url);

  it('a member sees the "Agenda published" banner for the next meeting appear without reloading, pushed or once connected', async () => {
    // One member's page is connected for notices before the agenda is published (the banner is pushed); the other's
    // notice connection is held until after it (as a page still loading): it fetches again once connected.
    const connected = await signedInPage(h.browser, h.server.url, demoUsers.member, '/');
    let isOpen!: () => void;
    const opened = new Promise<void>((resolve) => (isOpen = resolve));
    await connected.page.routeWebSocket(/\/socket\.io\//, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((message) => {
        if (typeof message === 'string' && message.startsWith('40')) isOpen(); // Socket.IO's "connected"
        ws.send(message);
      });
    });
    const late = await signedInPage(h.browser, h.server.url, demoUsers.member2, '/');
    const release = await holdSocketIo(late.page);
    const pages = [connected.page, late.page];
    for (const page of pages) {
      page.setDefaultTimeout(10_000);
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Meetings' }).waitFor();
      // This week's agenda was published by the demo; next week's not yet.
      expect(await page.locator('#notice-demo-following').count()).toBe(0);
      // A mark on this document: a reload would lose it.
      await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));
    }
    await opened;

    expect((await post('coordinator', '/meetings/demo-following/agenda/publish', {})).status).toBe(200);
    await connected.page.locator('#notice-demo-following').getByRole('heading', { name: 'Agenda published' }).waitFor();
    release();
    for (const page of pages) {
      const banner = page.locator('#notice-demo-following');
      await banner.getByRole('heading', { name: 'Agenda published' }).waitFor();
      await banner.getByRole('link', { name: 'Add your research' }).waitFor();
      expect(await page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);
    }
    expect(await seriousAxeViolations(late.page)).toEqual([]);
  });
});
