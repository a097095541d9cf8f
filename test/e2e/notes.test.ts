import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoMeetingId } from '../../server/seed/demo.js';
import { browserHarness } from '../support/e2e.js';
import { signedInPage } from '../support/browser-session.js';
import { seriousAxeViolations } from '../support/axe.js';
import { demoUsers } from '../support/session.js';

const itemTitle = 'New referral: mother, 24, third pregnancy';
const visible = (page: Page, text: string | RegExp) => page.getByText(text).first().waitFor({ state: 'visible', timeout: 10_000 });
const notesEditor = (page: Page) => page.getByRole('textbox', { name: `Discussion notes for ${itemTitle}` });

describe('shared discussion notes in Chromium: a chair and a specialist write at once', () => {
  const h = browserHarness();

  it('both see both sentences and each other’s labelled caret', async () => {
    const path = `/meetings/${demoMeetingId}`;
    const [chair, mh] = await Promise.all([
      signedInPage(h.browser, h.server.url, demoUsers.chair, path),
      signedInPage(h.browser, h.server.url, demoUsers.member, path),
    ]);
    const pageErrors: string[] = [];
    for (const { page } of [chair, mh]) page.on('pageerror', (err) => pageErrors.push(err.message));

    // Before the meeting is live, anyone can pick an item to read its notes.
    await mh.page.getByRole('button', { name: new RegExp(`^View item \\d+, ${itemTitle}$`) }).click();
    await notesEditor(mh.page).waitFor({ timeout: 10_000 });

    await chair.page.getByRole('button', { name: 'Open the meeting' }).click();
    await visible(mh.page, /Meeting status:\s*live/);
    await chair.page.getByRole('button', { name: new RegExp(`^Discuss now: item \\d+, ${itemTitle}$`) }).click();
    for (const { page } of [chair, mh]) {
      await visible(page, `Now discussing: ${itemTitle}`);
      await page.getByRole('heading', { level: 3, name: 'Discussion notes' }).waitFor({ timeout: 10_000 });
      expect(await notesEditor(page).getAttribute('aria-multiline')).toBe('true');
    }

    const chairSentence = 'Midwife reports good engagement since the booking visit.';
    const mhSentence = 'Perinatal mental health will offer a joint visit next week.';
    // Each writes in a block of their own at the same time: the chair at the start of the notes, the specialist at the
    // end. The key that moves the caret waits until the click's caret is taken (on a busy machine it can come later).
    const placeCaret = async (page: Page, key: string, block: 'firstElementChild' | 'lastElementChild') => {
      await notesEditor(page).click();
      await page.waitForFunction(() => document.querySelector('.notes-editor')?.contains(getSelection()?.focusNode ?? null));
      await page.keyboard.press(key);
      await page.waitForFunction((b) => document.querySelector('.notes-editor')?.[b as 'firstElementChild']?.contains(getSelection()?.focusNode ?? null), block);
      if (block === 'lastElementChild') await page.keyboard.press('Enter');
    };
    await Promise.all([placeCaret(chair.page, 'ControlOrMeta+Home', 'firstElementChild'), placeCaret(mh.page, 'ControlOrMeta+End', 'lastElementChild')]);
    await Promise.all([chair.page.keyboard.type(chairSentence, { delay: 15 }), mh.page.keyboard.type(mhSentence, { delay: 15 })]);

    // The notes' words as a reader has them: the other person's caret (a name label drawn inside the line) left out.
    for (const { page } of [chair, mh]) {
      await page.waitForFunction(
        (sentences) => {
          const copy = document.querySelector('.notes-editor')?.cloneNode(true) as HTMLElement | undefined;
          copy?.querySelectorAll('.collaboration-carets__caret').forEach((c) => c.remove());
          return !!copy && sentences.every((sentence) => copy.textContent?.includes(sentence));
        },
        [chairSentence, mhSentence],
        { timeout: 10_000 },
      );
    }
    // Each sees the other's caret, labelled with name and agency, and the "also writing here" line.
    await notesEditor(chair.page).getByText(/^Riley Mental-Health \(.+\)$/).waitFor({ timeout: 10_000 });
    await notesEditor(mh.page).getByText(/^Morgan Chair \(.+\)$/).waitFor({ timeout: 10_000 });
    await visible(chair.page, /Also writing here: Riley Mental-Health/);
    expect(await notesEditor(chair.page).getByText(/^Morgan Chair \(.+\)$/).count()).toBe(0);

    for (const { page } of [chair, mh]) {
      const violations = await seriousAxeViolations(page);
      expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    }
    expect(pageErrors).toEqual([]);
    await Promise.all([chair.context.close(), mh.context.close()]);
  });
});
