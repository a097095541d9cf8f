/**
 * Issue 13: the agenda rail is one compact row per item. At 1280×720 at least eight rows are on screen; the
 * structure controls sit in one menu per row, only for those the server says may use them (chair, coordinator);
 * "Discuss now" only for the chair of a live meeting; long titles are cut on screen but whole for assistive tech.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoMeetingId } from '../../server/seed/demo.js';
import { browserHarness } from '../support/e2e.js';
import { seriousAxeViolations } from '../support/axe.js';
import { signedInPage } from '../support/browser-session.js';
import { demoUsers } from '../support/session.js';

const path = `/meetings/${demoMeetingId}`;
const laptop = { width: 1280, height: 720 };

/**
 * Agenda rows whose whole box lies inside the viewport and inside every box around the list that clips what
 * overflows it (the rail's own scroll box on a desktop, the list's on a tablet).
 */
const rowsInView = (page: Page) =>
  page.evaluate(() => {
    const list = document.querySelector('[aria-label="Agenda items"]')!;
    let top = 0;
    let bottom = window.innerHeight;
    for (let el = list as Element | null; el && el !== document.documentElement; el = el.parentElement) {
      if (getComputedStyle(el).overflowY === 'visible') continue;
      const r = el.getBoundingClientRect();
      top = Math.max(top, r.top);
      bottom = Math.min(bottom, r.bottom);
    }
    return Array.from(list.children).filter((li) => {
      const r = li.getBoundingClientRect();
      return r.height > 0 && r.top >= top - 1 && r.bottom <= bottom + 1;
    }).length;
  });

/** Nothing on the page or in the rail has been scrolled: what shows is what a person sees on first load. */
const scrolled = (page: Page) =>
  page.evaluate(() => window.scrollY + document.querySelector('.agenda-rail')!.scrollTop + document.querySelector('.agenda-list')!.scrollTop);

const titles = (page: Page) => page.locator('[aria-label="Agenda items"] .item-title').allTextContents();

describe('the agenda rail', () => {
  const h = browserHarness();

  it('shows at least eight items at 1280×720 on first load, before and once the meeting is live, for chair and specialist', async () => {
    const { context, page } = await signedInPage(h.browser, h.server.url, demoUsers.chair, path);
    await page.setViewportSize(laptop);
    await page.getByRole('list', { name: 'Agenda items' }).getByRole('listitem').nth(8).waitFor();
    expect(await rowsInView(page)).toBeGreaterThanOrEqual(8);

    // Live: the chair (who leads the room) and a specialist each load the page afresh and, without scrolling,
    // see at least eight rows; the confidentiality statement waits in the middle column, not above the rail.
    await page.getByRole('button', { name: 'Open the meeting' }).click();
    await page.getByRole('button', { name: /^Discuss now: item \d+, New referral: mother, 24/ }).waitFor();
    const specialist = await signedInPage(h.browser, h.server.url, demoUsers.member, path);
    for (const [who, p] of [['chair', page], ['specialist', specialist.page]] as const) {
      await p.setViewportSize(laptop);
      await p.reload();
      await p.getByRole('button', { name: /^View item 9,/ }).waitFor();
      await p.getByRole('group', { name: 'Your view' }).waitFor();
      await p.getByRole('button', { name: 'I acknowledge' }).waitFor();
      await p.locator('.room-panel').getByText('Meeting status: live').waitFor();
      expect(await scrolled(p), who).toBe(0);
      expect(await rowsInView(p), who).toBeGreaterThanOrEqual(8);
      // The room keeps its three columns at desktop width: rail, item and room panel side by side.
      const columns = await p.evaluate(() => ['.agenda-rail', '.room-stage', '.room-layout > .room-panel'].map((s) => document.querySelector(s)!.getBoundingClientRect().top));
      expect(Math.max(...columns) - Math.min(...columns), who).toBeLessThan(2);
    }
    // At tablet width the rail scrolls in a box of its own and still shows eight rows without scrolling.
    await specialist.page.setViewportSize({ width: 768, height: 1024 });
    await specialist.page.reload();
    await specialist.page.getByRole('button', { name: /^View item 9,/ }).waitFor();
    await specialist.page.getByRole('group', { name: 'Your view' }).waitFor();
    expect(await scrolled(specialist.page)).toBe(0);
    expect(await rowsInView(specialist.page)).toBeGreaterThanOrEqual(8);
    await specialist.context.close();

    // A long title is cut on screen, whole in its accessible name and tooltip.
    const long = 'New referral: mother, 24, third pregnancy';
    const title = page.getByRole('button', { name: new RegExp(`^View item \\d+, ${long}$`) });
    expect(await title.getAttribute('title')).toBe(long);
    expect(await title.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    const violations = await seriousAxeViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await context.close();
  });

  it('offers the structure menu to the chair and coordinator only, and Discuss now to the chair only', async () => {
    const [chair, coordinator, member] = await Promise.all(
      [demoUsers.chair, demoUsers.coordinator, demoUsers.member].map((who) => signedInPage(h.browser, h.server.url, who, path)),
    );
    for (const p of [chair, coordinator, member]) await p.page.getByRole('button', { name: /^View item 9,/ }).waitFor();
    const rows = await chair.page.getByRole('list', { name: 'Agenda items' }).getByRole('listitem').count();
    // The first test opened the meeting (one server per file): it is live.
    await chair.page.getByRole('button', { name: /^Discuss now: item \d+, New referral: mother, 24/ }).waitFor();
    await member.page.getByRole('group', { name: 'Your view' }).waitFor();
    await coordinator.page.getByRole('group', { name: 'Your view' }).waitFor();

    const count = (page: Page, name: RegExp) => page.getByRole('button', { name }).count();
    expect(await count(chair.page, /^Change item \d+,/)).toBe(rows);
    expect(await count(coordinator.page, /^Change item \d+,/)).toBe(rows);
    expect(await count(member.page, /^Change item \d+,/)).toBe(0);
    expect(await count(member.page, /^Drag to reorder/)).toBe(0);
    expect(await member.page.getByRole('button', { name: 'Add item' }).count()).toBe(0);
    expect(await member.page.getByRole('button', { name: 'Order by risk' }).count()).toBe(0);
    expect(await count(coordinator.page, /^Discuss now:/)).toBe(0);
    expect(await count(member.page, /^Discuss now:/)).toBe(0);
    expect(await count(chair.page, /^Discuss now:/)).toBeGreaterThanOrEqual(rows - 1); // all but the item under discussion, if any
    // One menu per row: the rest of the row has at most View and (for the chair) Discuss now.
    const buttonsInRow = await chair.page.locator('[aria-label="Agenda items"] > li').nth(5).getByRole('button').count();
    expect(buttonsInRow).toBeLessThanOrEqual(4); // grip, title (View), Discuss now, menu
    await Promise.all([chair, coordinator, member].map((p) => p.context.close()));
  });

  it('moves, renames and closes the row menu by keyboard alone, and everyone sees the change', async () => {
    const [coordinator, member] = await Promise.all([
      signedInPage(h.browser, h.server.url, demoUsers.coordinator, path),
      signedInPage(h.browser, h.server.url, demoUsers.member, path),
    ]);
    await coordinator.page.getByRole('button', { name: /^View item 9,/ }).waitFor();
    const before = await titles(coordinator.page);
    const moved = before[2];
    const toggle = coordinator.page.getByRole('button', { name: `Change item 3, ${moved}` });
    await toggle.focus();
    await coordinator.page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    // The first choice takes focus; Escape closes the menu and hands focus back to its button.
    expect(await coordinator.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Move item 3, ${moved} up`);
    await coordinator.page.keyboard.press('Escape');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);

    await coordinator.page.keyboard.press('Enter');
    await coordinator.page.keyboard.press('ArrowDown');
    expect(await coordinator.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Move item 3, ${moved} down`);
    await coordinator.page.keyboard.press('Enter');
    const expected = [...before];
    expected.splice(2, 1);
    expected.splice(3, 0, moved);
    await member.page.waitForFunction(
      (want: string[]) => Array.from(document.querySelectorAll('[aria-label="Agenda items"] .item-title')).map((e) => e.textContent).join('|') === want.join('|'),
      expected,
      { timeout: 10_000 },
    );

    const renameToggle = coordinator.page.getByRole('button', { name: `Change item 4, ${moved}` });
    await renameToggle.focus();
    await coordinator.page.keyboard.press('Enter');
    await coordinator.page.getByRole('button', { name: `Rename item 4, ${moved}` }).focus();
    await coordinator.page.keyboard.press('Enter');
    // A blank title is refused: the summary takes focus and links to the field, which shows the message; the
    // agenda others see keeps the old title.
    await coordinator.page.keyboard.press('ControlOrMeta+a');
    await coordinator.page.keyboard.press('Delete');
    await coordinator.page.keyboard.press('Enter');
    const renameForm = coordinator.page.getByRole('form', { name: `Rename item 4, ${moved}` });
    const renameSummary = renameForm.locator('.govuk-error-summary');
    await renameSummary.getByRole('link', { name: 'Enter a title for item 4' }).waitFor();
    expect(await renameSummary.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await renameForm.getByText('Error: Enter a title for item 4').count()).toBe(1);
    const titleField = renameForm.getByLabel(`New title for item 4, ${moved}`);
    expect(await titleField.getAttribute('aria-invalid')).toBe('true');
    expect(await titleField.getAttribute('aria-describedby')).toMatch(/-error$/);
    const renameViolations = await seriousAxeViolations(coordinator.page);
    expect(renameViolations, JSON.stringify(renameViolations, null, 2)).toEqual([]);
    await renameSummary.getByRole('link', { name: 'Enter a title for item 4' }).click();
    expect(await titleField.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await member.page.getByRole('button', { name: `View item 4, ${moved}`, exact: true }).count()).toBe(1);
    expect((await titles(member.page))[3]).toBe(moved);
    await coordinator.page.keyboard.press('ControlOrMeta+a');
    await coordinator.page.keyboard.type('Matters arising from 24 November');
    await coordinator.page.keyboard.press('Enter');
    await member.page.getByRole('button', { name: 'View item 4, Matters arising from 24 November' }).waitFor({ timeout: 10_000 });
    await Promise.all([coordinator.context.close(), member.context.close()]);
  });
});
