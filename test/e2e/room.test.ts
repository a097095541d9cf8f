import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoMeetingId } from '../../server/seed/demo.js';
import { browserHarness } from '../support/e2e.js';
import { signedInPage } from '../support/browser-session.js';
import { seriousAxeViolations } from '../support/axe.js';
import { demoUsers } from '../support/session.js';

const visible = (page: Page, text: string | RegExp) => page.getByText(text).first().waitFor({ state: 'visible', timeout: 10_000 });

/** Moves keyboard focus to a control by tabbing, as a keyboard-only chair would, then presses Enter. */
async function tabTo(page: Page, name: string) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');
    if (focused.trim() === name) return page.keyboard.press('Enter');
  }
  throw new Error(`could not reach "${name}" by Tab`);
}

describe('the live room in Chromium: a chair and two specialists', () => {
  const h = browserHarness();

  it('the chair runs the room by keyboard; everyone follows; a raised hand reaches the chair', async () => {
    const path = `/meetings/${demoMeetingId}`;
    const [chair, mh, police] = await Promise.all([
      signedInPage(h.browser, h.server.url, demoUsers.chair, path),
      signedInPage(h.browser, h.server.url, demoUsers.member, path),
      signedInPage(h.browser, h.server.url, demoUsers.member2, path),
    ]);
    await visible(chair.page, 'Present (3)');

    await tabTo(chair.page, 'Open the meeting');
    await visible(mh.page, /Meeting status:\s*live/);
    await tabTo(chair.page, 'Discuss now: item 6, New referral: mother, 31, two children in care');
    for (const { page } of [mh, police]) await visible(page, 'Now discussing: New referral: mother, 31, two children in care');
    await tabTo(chair.page, 'Start timer');
    await visible(police.page, '(running)');

    await mh.page.getByRole('button', { name: 'Raise hand' }).click();
    await chair.page.getByRole('list', { name: 'Raised hands' }).getByText('Riley Mental-Health').waitFor();
    await tabTo(chair.page, 'Call next speaker');
    await visible(police.page, 'Speaking:');
    expect(await police.page.getByText('Speaking:').textContent()).toContain('Riley Mental-Health');

    const violations = await seriousAxeViolations(chair.page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);

    await tabTo(chair.page, 'End the meeting');
    await tabTo(chair.page, 'Yes, end the meeting');
    for (const { page } of [mh, police]) await visible(page, /Meeting status:\s*ended/);
    await mh.page.getByRole('status').filter({ hasText: 'Read only' }).waitFor();
    expect(await mh.page.getByRole('button', { name: 'Add item' }).count()).toBe(0);
    await Promise.all([chair.context.close(), mh.context.close(), police.context.close()]);
  });
});
