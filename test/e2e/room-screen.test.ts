import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoMeetingId } from '../../server/seed/demo.js';
import { browserHarness } from '../support/e2e.js';
import { signedInPage } from '../support/browser-session.js';
import { seriousAxeViolations } from '../support/axe.js';
import { demoUsers } from '../support/session.js';

const referral = 'New referral: mother, 24, third pregnancy';
const housing = 'Review: housing and tenancy support';
const onScreen = (page: Page, title: string) => page.locator('.item-stage').getByRole('heading', { level: 2, name: title }).waitFor({ timeout: 10_000 });
const agendaTitles = (page: Page) => page.locator('.agenda-item .item-title').allTextContents();
const expectNoSeriousAxe = async (page: Page) => {
  const violations = await seriousAxeViolations(page);
  expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
};

describe('the room screen in Chromium: follow the chair or pin, who is editing, confidentiality, drag to reorder', () => {
  const h = browserHarness();

  it('pinned people stay put while followers move with the chair; presence says who is editing; acknowledgements are counted', async () => {
    const path = `/meetings/${demoMeetingId}`;
    const [chair, mh, police] = await Promise.all([
      signedInPage(h.browser, h.server.url, demoUsers.chair, path),
      signedInPage(h.browser, h.server.url, demoUsers.member, path),
      signedInPage(h.browser, h.server.url, demoUsers.member2, path),
    ]);
    await chair.page.getByText('Present (3)').waitFor();
    // Before the meeting is live anyone can look at any item.
    await police.page.getByRole('button', { name: `View item 7, ${housing}` }).click();
    await onScreen(police.page, housing);

    await chair.page.getByRole('button', { name: 'Open the meeting' }).click();
    await chair.page.getByRole('button', { name: 'Next: Apologies →' }).click();
    for (const { page } of [chair, mh, police]) await onScreen(page, 'Apologies'); // opening the meeting: everyone follows
    await police.page.getByRole('group', { name: 'Your view' }).getByText('Following the chair').waitFor();

    await mh.page.getByRole('button', { name: `View item 7, ${housing}` }).click();
    await mh.page.getByRole('group', { name: 'Your view' }).getByText(`Pinned: ${housing}`).waitFor();
    await chair.page.getByRole('button', { name: `Discuss now: item 5, ${referral}` }).click();
    await onScreen(police.page, referral);
    await onScreen(chair.page, referral);
    await mh.page.getByText(`The chair moved the room to ${referral}. You are still viewing ${housing}.`).waitFor({ state: 'attached' });
    await onScreen(mh.page, housing);
    await mh.page.getByText(`Now discussing: ${referral}`).waitFor();
    await mh.page.getByRole('button', { name: 'Follow the chair' }).click();
    await onScreen(mh.page, referral);
    await mh.page.getByRole('group', { name: 'Your view' }).getByText('Following the chair').waitFor();

    // Focus in an item's editing area shows in the room panel and on the agenda row, by name and agency.
    await mh.page.getByRole('textbox', { name: `Discussion notes for ${referral}` }).click();
    const people = chair.page.getByRole('list', { name: 'People present' });
    await people.locator('li', { hasText: 'Riley Mental-Health' }).getByText(`editing ${referral}`).waitFor();
    const referralRow = chair.page.locator('.agenda-item', { hasText: referral });
    await referralRow.getByText('Editing: Riley Mental-Health (Adult Mental Health (NHS))').waitFor();
    await mh.page.getByRole('button', { name: 'Raise hand' }).focus(); // focus leaves the editing area
    await referralRow.getByText(/Editing:/).waitFor({ state: 'detached' });
    expect(await people.getByText(/editing /).count()).toBe(0);

    await chair.page.getByText('0 of 3 acknowledged').waitFor();
    await mh.page.getByRole('region', { name: 'Confidentiality' }).getByText('Information shared in this meeting is confidential').waitFor();
    await mh.page.getByRole('button', { name: 'I acknowledge' }).click();
    await mh.page.getByText('You have acknowledged the confidentiality statement.').waitFor();
    await chair.page.getByText('1 of 3 acknowledged').waitFor();
    await people.locator('li', { hasText: 'Riley Mental-Health' }).getByText('✓ acknowledged confidentiality').waitFor();
    await people.locator('li', { hasText: 'Sam Constable' }).getByText('○ not yet acknowledged').waitFor();

    await expectNoSeriousAxe(chair.page);
    await expectNoSeriousAxe(mh.page);
    await Promise.all([chair.context.close(), mh.context.close(), police.context.close()]);
  });

  it('drags an agenda item with the mouse, and with the keyboard; the other browser sees the new order', async () => {
    const path = `/meetings/${demoMeetingId}`;
    const [chair, police] = await Promise.all([
      signedInPage(h.browser, h.server.url, demoUsers.chair, path),
      signedInPage(h.browser, h.server.url, demoUsers.member2, path),
    ]);
    // Tall enough that the whole agenda is on screen: a mouse drag cannot leave the viewport.
    // Rows grow once the meeting is live (Discuss now, who is editing), so size the window from the rail itself.
    await chair.page.locator('.agenda-item .item-title').first().waitFor();
    const railHeight = await chair.page.evaluate(() => document.querySelector('.agenda-rail')!.scrollHeight);
    await chair.page.setViewportSize({ width: 1280, height: Math.max(2200, railHeight + 800) });
    const before = await agendaTitles(chair.page);
    const moved = 'Review: engagement with recovery service';
    const handle = chair.page.getByRole('button', { name: `Drag to reorder item 8, ${moved}` });
    const target = chair.page.locator('.agenda-item').nth(1);
    const start = (await handle.boundingBox())!;
    const row = (await chair.page.locator('.agenda-item', { hasText: moved }).boundingBox())!;
    const to = (await target.boundingBox())!;
    // Move the row's centre onto the target row's centre (the sortable list compares centres).
    const x = start.x + start.width / 2;
    const y = start.y + start.height / 2;
    const dy = to.y + to.height / 2 - (row.y + row.height / 2);
    await chair.page.mouse.move(x, y);
    await chair.page.mouse.down();
    await chair.page.mouse.move(x, y - 10, { steps: 5 });
    await chair.page.mouse.move(x, y + dy, { steps: 20 });
    await chair.page.mouse.up();

    const expected = [...before];
    expected.splice(expected.indexOf(moved), 1);
    expected.splice(1, 0, moved);
    await police.page.waitForFunction(
      (titles: string[]) => Array.from(document.querySelectorAll('.agenda-item .item-title')).map((e) => e.textContent).join('|') === titles.join('|'),
      expected,
      { timeout: 10_000 },
    );

    // Keyboard: Space lifts the item, ↓ moves it one place, Space drops it; each step is announced.
    const keyboardHandle = chair.page.getByRole('button', { name: `Drag to reorder item 2, ${moved}` });
    await keyboardHandle.focus();
    await chair.page.keyboard.press('Space');
    await chair.page.getByText(`${moved} is over position 2 of ${before.length}.`).waitFor({ state: 'attached', timeout: 5000 });
    await chair.page.keyboard.press('ArrowDown');
    await chair.page.getByText(`${moved} is over position 3 of ${before.length}.`).waitFor({ state: 'attached', timeout: 5000 });
    await chair.page.keyboard.press('Space');
    await chair.page.getByText(`Dropped ${moved} at position 3 of ${before.length}.`).waitFor({ state: 'attached', timeout: 5000 });
    const afterKeys = [...expected];
    afterKeys.splice(1, 1);
    afterKeys.splice(2, 0, moved);
    await police.page.waitForFunction(
      (titles: string[]) => Array.from(document.querySelectorAll('.agenda-item .item-title')).map((e) => e.textContent).join('|') === titles.join('|'),
      afterKeys,
      { timeout: 10_000 },
    );
    await Promise.all([chair.context.close(), police.context.close()]);
  });
});
