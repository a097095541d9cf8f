import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { demoMeetingId } from '../../server/seed/demo.js';
import { browserHarness } from '../support/e2e.js';
import { signedInPage } from '../support/browser-session.js';
import { seriousAxeViolations } from '../support/axe.js';
import { demoUsers } from '../support/session.js';
import { rootDir } from '../support/process.js';

const tablet = { width: 768, height: 1024 };
const referral = 'New referral: mother, 24, third pregnancy';
/** `TRIAGE_SCREENSHOTS=1 npx vitest run test/e2e/tablet.test.ts` refreshes the README pictures (synthetic data only). */
const saveScreenshots = process.env.TRIAGE_SCREENSHOTS === '1';

const noHorizontalScroll = async (page: Page) => {
  const [scrollWidth, clientWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(scrollWidth, 'page scrolls sideways').toBeLessThanOrEqual(clientWidth);
};

/** On screen once scrolled to, and wholly inside the viewport's width. */
async function expectReachable(control: Locator) {
  await control.scrollIntoViewIfNeeded();
  expect(await control.isVisible()).toBe(true);
  const box = (await control.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(tablet.width);
}

describe('the room at tablet width (768×1024) in Chromium', () => {
  const h = browserHarness();

  it('has no sideways scroll, and the chair’s main controls are visible and work', async () => {
    const meetingPath = `/meetings/${demoMeetingId}`;
    const [chair, mh] = await Promise.all([
      signedInPage(h.browser, h.server.url, demoUsers.chair, meetingPath),
      signedInPage(h.browser, h.server.url, demoUsers.member, meetingPath),
    ]);
    const page = chair.page;
    await page.setViewportSize(tablet);
    await page.getByText('Present (2)').waitFor();
    await noHorizontalScroll(page);

    const open = page.getByRole('button', { name: 'Open the meeting' });
    await expectReachable(open);
    await open.click();
    const next = page.getByRole('button', { name: 'Next: Apologies →' });
    await expectReachable(next);
    await next.click();
    await page.getByRole('button', { name: `Discuss now: item 5, ${referral}` }).click();
    await page.locator('.item-stage').getByRole('heading', { level: 2, name: referral }).waitFor();

    for (const name of ['I acknowledge', 'Start timer', 'Raise hand', 'Call next speaker', 'End the meeting', `Drag to reorder item 7, Review: housing and tenancy support`]) {
      await expectReachable(page.getByRole('button', { name }));
    }
    const notes = page.getByRole('textbox', { name: `Discussion notes for ${referral}` });
    await expectReachable(notes);

    await page.getByRole('button', { name: 'I acknowledge' }).click();
    await page.getByText('1 of 2 acknowledged').waitFor();
    await page.getByRole('button', { name: 'Start timer' }).click();
    await page.getByText('(running)').waitFor();
    await notes.click();
    await page.keyboard.type('Midwife reports good engagement since the booking visit.');

    // A second person writing (long caret label), a raised hand and an acknowledgement: the busiest the panel gets.
    await mh.page.getByRole('button', { name: 'I acknowledge' }).click();
    await mh.page.getByRole('button', { name: 'Raise hand' }).click();
    // The item's work at tablet width too: the chair's decision (the chair's and coordinator's once live) and an
    // action written on the other screen.
    await page.getByLabel(/^Outcome for case RR-2026-014/).selectOption('allocate');
    await page.getByRole('textbox', { name: 'Decision', exact: true }).fill('Allocate a specialist midwife and offer a joint visit.');
    await mh.page.getByLabel('New action: what is to be done').fill('Arrange the joint visit');
    await mh.page.getByLabel(/^Owner/).selectOption({ label: 'Riley Mental-Health (Adult Mental Health (NHS))' });
    const due = mh.page.getByRole('group', { name: 'Due', exact: true });
    await due.getByLabel('Day').fill('7');
    await due.getByLabel('Month').fill('1');
    await due.getByLabel('Year').fill(String(new Date().getFullYear() + 1));
    await mh.page.getByRole('button', { name: 'Add action' }).click();
    await page.getByLabel('Action 1: what').waitFor();
    const mhNotes = mh.page.getByRole('textbox', { name: `Discussion notes for ${referral}` });
    await mhNotes.click();
    await mh.page.keyboard.press('End');
    await mh.page.keyboard.type(' Perinatal mental health will offer a joint visit next week.');
    await page.getByText('2 of 2 acknowledged').waitFor();
    await page.getByRole('list', { name: 'Raised hands' }).getByText('Riley Mental-Health').waitFor();
    await page.locator('.collaboration-carets__label').first().waitFor();
    await noHorizontalScroll(page);

    const violations = await seriousAxeViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);

    if (saveScreenshots) {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(rootDir, 'docs/room-tablet.png') });
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(rootDir, 'docs/room-chair.png') });
      await page.locator('.item-work').screenshot({ path: path.join(rootDir, 'docs/room-item-work.png') });
    }
    await Promise.all([chair.context.close(), mh.context.close()]);
  });
});
