import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoMeetingId } from '../../server/seed/demo.js';
import { browserHarness } from '../support/e2e.js';
import { signedInPage } from '../support/browser-session.js';
import { seriousAxeViolations } from '../support/axe.js';
import { demoUsers } from '../support/session.js';

const itemTitle = 'New referral: mother, 24, third pregnancy';
const notice = 'Only chairs see these notes. They are not part of the minutes.';
const pickItem = (page: Page) => page.getByRole('button', { name: new RegExp(`^View item \\d+, ${itemTitle}$`) }).click();

describe("the chair's restricted notes in Chromium", () => {
  const h = browserHarness();

  it('the chair sees and writes the restricted panel; a member’s page does not have it', async () => {
    const path = `/meetings/${demoMeetingId}`;
    const [chair, mh] = await Promise.all([
      signedInPage(h.browser, h.server.url, demoUsers.chair, path),
      signedInPage(h.browser, h.server.url, demoUsers.member, path),
    ]);
    await Promise.all([pickItem(chair.page), pickItem(mh.page)]);

    const panelHeading = chair.page.getByRole('heading', { level: 3, name: "Chair's restricted notes" });
    await panelHeading.waitFor({ timeout: 10_000 });
    await chair.page.getByText(notice).waitFor();
    const editor = chair.page.getByRole('textbox', { name: `Chair's restricted notes for ${itemTitle}` });
    await editor.click();
    await chair.page.keyboard.type('Chair reminder: check the court date.', { delay: 10 });
    await chair.page.getByRole('status').filter({ hasText: 'Restricted notes: All changes saved' }).waitFor({ timeout: 10_000 });
    const violations = await seriousAxeViolations(chair.page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);

    // The member has the item's shared notes on screen, but no restricted panel, notice or text.
    await mh.page.getByRole('textbox', { name: `Discussion notes for ${itemTitle}` }).waitFor({ timeout: 10_000 });
    expect(await mh.page.getByRole('heading', { name: "Chair's restricted notes" }).count()).toBe(0);
    expect(await mh.page.getByText(notice).count()).toBe(0);
    expect(await mh.page.getByText('Chair reminder').count()).toBe(0);
    await Promise.all([chair.context.close(), mh.context.close()]);
  });
});
