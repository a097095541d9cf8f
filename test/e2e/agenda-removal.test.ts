import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoMeetingId } from '../../server/seed/demo.js';
import { browserHarness } from '../support/e2e.js';
import { seriousAxeViolations } from '../support/axe.js';
import { signedInPage } from '../support/browser-session.js';
import { demoUsers } from '../support/session.js';

const agendaTitles = (page: Page) => page.getByRole('list', { name: 'Agenda items' }).locator('.item-title').allTextContents();
const title = 'Review: housing and tenancy support';
/** The item's number on the agenda as it stands (standing items before it may change). */
const numberOf = async (page: Page) => (await agendaTitles(page)).indexOf(title) + 1;

describe('removing an agenda item in Chromium', () => {
  const h = browserHarness();

  it('asks once, removes for everyone, and Restore puts it back in place until the meeting ends', async () => {
    const path = `/meetings/${demoMeetingId}`;
    const [chair, member] = await Promise.all([
      signedInPage(h.browser, h.server.url, demoUsers.chair, path),
      signedInPage(h.browser, h.server.url, demoUsers.member, path),
    ]);
    const rows = chair.page.getByRole('list', { name: 'Agenda items' });
    await rows.getByText(title, { exact: true }).waitFor();
    const before = await agendaTitles(chair.page);
    const number = await numberOf(chair.page);
    const menuButton = chair.page.getByRole('button', { name: `Change item ${number}, ${title}` });
    // Remove lives in the row's menu.
    const removeButton = { click: async () => (await menuButton.click(), await chair.page.getByRole('button', { name: `Remove item ${number}, ${title}` }).click()) };

    // Pressed twice: still one question, and nothing removed yet.
    await removeButton.click();
    await removeButton.click();
    const question = chair.page.getByRole('alertdialog', { name: `Remove item ${number}, ${title}?` });
    await question.waitFor();
    expect(await chair.page.getByRole('alertdialog').count()).toBe(1);
    expect(await agendaTitles(member.page)).toEqual(before);
    const violations = await seriousAxeViolations(chair.page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);

    // Escape cancels and puts the keyboard back on the row's menu button, where Remove was chosen.
    await chair.page.keyboard.press('Escape');
    await question.waitFor({ state: 'detached' });
    expect(await menuButton.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await agendaTitles(chair.page)).toEqual(before);

    await removeButton.click();
    await chair.page.getByRole('button', { name: 'Yes, remove it' }).click();
    await member.page.getByRole('list', { name: 'Agenda items' }).getByText(title, { exact: true }).waitFor({ state: 'detached' });
    const removedList = chair.page.getByRole('region', { name: 'Removed items' });
    await removedList.getByText(title, { exact: true }).waitFor();
    expect(await removedList.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    expect(await removedList.textContent()).toContain('removed by Morgan Chair');
    expect(await agendaTitles(member.page)).toEqual(before.filter((t) => t !== title));

    await removedList.getByRole('button', { name: `Restore ${title}` }).click();
    await member.page.waitForFunction(
      (want: string[]) => Array.from(document.querySelectorAll('[aria-label="Agenda items"] .item-title')).map((e) => e.textContent).join('|') === want.join('|'),
      before,
      { timeout: 10_000 },
    );
    await removedList.waitFor({ state: 'detached' });
    expect(await agendaTitles(chair.page)).toEqual(before);

    // Removed again, then the meeting ends: the removal stands and nothing can be restored any more.
    await removeButton.click();
    await chair.page.getByRole('button', { name: 'Yes, remove it' }).click();
    await removedList.waitFor();
    await chair.page.getByRole('button', { name: 'Open the meeting' }).click();
    // The End confirmation is the same dialog: focus moves into it, Escape cancels and focus returns to End.
    const end = chair.page.getByRole('button', { name: 'End the meeting', exact: true });
    await end.click();
    const endQuestion = chair.page.getByRole('alertdialog', { name: 'End the meeting?' });
    await chair.page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'alertdialog');
    await chair.page.keyboard.press('Escape');
    await endQuestion.waitFor({ state: 'detached' });
    expect(await end.evaluate((el) => el === document.activeElement)).toBe(true);
    await chair.page.keyboard.press('Enter');
    await endQuestion.waitFor();
    await chair.page.getByRole('button', { name: 'Yes, end the meeting' }).click();
    await chair.page.getByRole('link', { name: 'read the minutes' }).waitFor();
    await removedList.waitFor({ state: 'detached' });
    expect(await chair.page.getByRole('button', { name: /^Restore/ }).count()).toBe(0);
    expect(await agendaTitles(chair.page)).not.toContain(title);
    await Promise.all([chair.context.close(), member.context.close()]);
  }, 60_000);
});
