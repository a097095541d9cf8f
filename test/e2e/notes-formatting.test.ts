import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { demoMeetingId } from '../../server/seed/demo.js';
import { browserHarness } from '../support/e2e.js';
import { signedInPage } from '../support/browser-session.js';
import { seriousAxeViolations } from '../support/axe.js';
import { demoUsers, signIn } from '../support/session.js';
import { connectYClient } from '../support/yjs-client.js';
import { addAgendaItem } from '../../shared/meeting-doc.js';
import { outlookDesktopHtml, wordListsHtml } from '../support/office-clipboard.js';

const itemTitle = 'New referral: mother, 24, third pregnancy';
const notesEditor = (page: Page, title = itemTitle) => page.getByRole('textbox', { name: `Discussion notes for ${title}` });
const toolbar = (page: Page) => page.getByRole('group', { name: `Formatting for Discussion notes for ${itemTitle}` });
/** The text of each element, without the other people's caret labels drawn inside the notes. */
const texts = (locator: Locator) =>
  locator.evaluateAll((els) =>
    els.map((el) => {
      const copy = el.cloneNode(true) as Element;
      copy.querySelectorAll('.collaboration-carets__caret').forEach((c) => c.remove());
      return copy.textContent ?? '';
    }),
  );
const pressed = async (button: Locator) => (await button.getAttribute('aria-pressed')) === 'true';

/** Pastes as Word or Outlook would: a real paste event carrying text/html (and the plain text beside it). */
async function pasteHtml(editor: Locator, html: string) {
  await editor.evaluate((el, data) => {
    const transfer = new DataTransfer();
    transfer.setData('text/html', data);
    transfer.setData('text/plain', el.ownerDocument.createRange().createContextualFragment(data).textContent ?? '');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, html);
}

describe('notes formatting in Chromium: toolbar, shortcuts, paste from Office, caret labels', () => {
  const h = browserHarness();

  it('formats with the toolbar and shortcuts, keeps lists and bold pasted from Word and Outlook, and the other side sees them', async () => {
    const path = `/meetings/${demoMeetingId}`;
    const [mh, police] = await Promise.all([signedInPage(h.browser, h.server.url, demoUsers.member, path), signedInPage(h.browser, h.server.url, demoUsers.member2, path)]);
    for (const { page } of [mh, police]) {
      await page.getByRole('button', { name: new RegExp(`^View item \\d+, ${itemTitle}$`) }).click();
      await notesEditor(page).waitFor();
    }
    const editor = notesEditor(mh.page);
    const bold = toolbar(mh.page).getByRole('button', { name: 'Bold' });
    await mh.page.getByText('Ctrl+Shift+8 bulleted list').waitFor();
    expect(await bold.getAttribute('aria-keyshortcuts')).toBe('Control+B');

    await editor.click();
    await bold.click();
    expect(await pressed(bold)).toBe(true);
    await mh.page.keyboard.type('Urgent');
    await mh.page.keyboard.press('ControlOrMeta+b'); // TipTap's shortcut turns it off again
    expect(await pressed(bold)).toBe(false);
    await mh.page.keyboard.type(' home visit booked');
    await mh.page.keyboard.press('Enter');
    await toolbar(mh.page).getByRole('button', { name: 'Bulleted list' }).click();
    await mh.page.keyboard.type('Midwife to attend');
    await mh.page.keyboard.press('Enter');
    await mh.page.keyboard.type('Interpreter needed');
    expect(await pressed(toolbar(mh.page).getByRole('button', { name: 'Bulleted list' }))).toBe(true);
    await mh.page.keyboard.press('Enter');
    await mh.page.keyboard.press('Enter'); // an empty item ends the list
    await mh.page.keyboard.press('ControlOrMeta+Alt+2');
    expect(await pressed(toolbar(mh.page).getByRole('button', { name: 'Heading', exact: true }))).toBe(true);
    await mh.page.keyboard.type('Pasted from Word');
    await mh.page.keyboard.press('Enter');

    const other = notesEditor(police.page);
    await other.locator('strong', { hasText: 'Urgent' }).waitFor();
    expect(await texts(other.locator('ul > li'))).toEqual(['Midwife to attend', 'Interpreter needed']);
    await other.locator('h2', { hasText: 'Pasted from Word' }).waitFor();

    await pasteHtml(editor, wordListsHtml);
    await other.getByText('Review at the next meeting').waitFor();
    for (const side of [editor, other]) {
      await side.locator('strong', { hasText: 'Home visit summary' }).waitFor();
      expect(await texts(side.locator('ul > li > ul > li'))).toEqual(['Payment plan offered']);
      expect(await texts(side.locator('ol > li'))).toEqual(['Refer to tenancy sustainment', 'Review at the next meeting']);
      expect(await texts(side.locator('li strong'))).toContain('School attendance at 82%');
      const html = await side.innerHTML();
      expect(html).not.toMatch(/mso-|MsoList|font-family|o:p|·/);
    }

    await mh.page.keyboard.press('Enter');
    await pasteHtml(editor, outlookDesktopHtml);
    await other.getByText('Kind regards').waitFor();
    expect(await texts(other.locator('ul > li'))).toEqual(
      expect.arrayContaining(['Police to share the call-out log', 'Urgent: GP letter by Friday']),
    );
    expect(await other.locator('li strong', { hasText: 'Urgent:' }).count()).toBe(1);
    expect(await texts(other.locator('ol > li'))).toEqual(expect.arrayContaining(['First numbered', 'Second numbered']));

    const violations = await seriousAxeViolations(mh.page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await Promise.all([mh.context.close(), police.context.close()]);
  }, 60_000);

  it('keeps a caret name label inside the editor when the caret is at its right edge', async () => {
    // An item of its own with empty notes: a click puts the caret in the only paragraph, so no key has to find the
    // end of earlier notes first (on a loaded machine that raced the click and typed mid-notes).
    const caretTitle = 'Caret label check';
    const chair = connectYClient(h.server.url, demoMeetingId, { headers: { cookie: await signIn(h.server.url, demoUsers.chair) } });
    await chair.synced;
    addAgendaItem(chair.doc, { kind: 'case-review', title: caretTitle });
    await chair.saved();
    chair.destroy();
    const path = `/meetings/${demoMeetingId}`;
    const [mh, police] = await Promise.all([signedInPage(h.browser, h.server.url, demoUsers.member, path), signedInPage(h.browser, h.server.url, demoUsers.member2, path)]);
    for (const { page } of [mh, police]) {
      await page.getByRole('button', { name: new RegExp(`^View item \\d+, ${caretTitle}$`) }).click();
      await notesEditor(page, caretTitle).waitFor();
    }
    await notesEditor(police.page, caretTitle).click();
    await police.page.waitForFunction(() => document.querySelector('.notes-editor')?.contains(getSelection()?.focusNode ?? null));
    // Words until the caret is near the right edge of the line (not wrapped: a wrapped end draws at the next line's start).
    for (let i = 0; i < 60; i++) {
      await police.page.keyboard.type(i === 0 ? 'Seen' : ' well');
      const along = await police.page.evaluate(() => {
        const caret = getSelection()!.getRangeAt(0).getBoundingClientRect();
        const box = document.querySelector('.notes-editor')!.getBoundingClientRect();
        return (caret.right - box.left) / box.width;
      });
      if (along > 0.85) break;
    }
    const label = notesEditor(mh.page, caretTitle).locator('.collaboration-carets__label', { hasText: 'Sam Constable' });
    await label.waitFor();
    // Sam's label in these notes, found again on every poll: the caret's element is replaced when it changes line,
    // and other carets (or a departing one) may come first in the page.
    await mh.page.waitForFunction((editorName) => {
      const editor = [...document.querySelectorAll('.notes-editor')].find((e) => e.getAttribute('aria-label') === editorName);
      const el = [...(editor?.querySelectorAll('.collaboration-carets__label') ?? [])].find((l) => l.textContent?.startsWith('Sam Constable'));
      const box = editor?.getBoundingClientRect();
      const caret = el?.parentElement?.getBoundingClientRect();
      const own = el?.getBoundingClientRect();
      // The caret is near the right edge (the case that clipped), and its whole label is inside the editor.
      return !!own && !!box && !!caret && caret.left > box.left + box.width / 2 && own.right <= box.right + 0.5 && own.left >= box.left - 0.5;
    }, `Discussion notes for ${caretTitle}`, { timeout: 10_000 });
    await Promise.all([mh.context.close(), police.context.close()]);
  }, 60_000);
});
