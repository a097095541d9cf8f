import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoMeetingId } from '../../server/seed/demo.js';
import { browserHarness } from '../support/e2e.js';
import { signedInPage } from '../support/browser-session.js';
import { seriousAxeViolations } from '../support/axe.js';
import { demoUsers } from '../support/session.js';

const path = `/meetings/${demoMeetingId}`;
const referral = 'New referral: mother, 24, third pregnancy';
const visible = (page: Page, text: string | RegExp) => page.getByText(text).first().waitFor({ state: 'visible', timeout: 10_000 });
/** Shows an item and waits for its notes editor (loaded on demand) so nothing moves under the next click. */
async function view(page: Page, n: number, title: string) {
  await page.getByRole('button', { name: `View item ${n}, ${title}` }).click();
  await page.getByRole('textbox', { name: `Discussion notes for ${title}` }).waitFor({ timeout: 10_000 });
}

describe('work on an item in Chromium: contributions, decision, actions, matters arising', () => {
  const h = browserHarness();

  it('two agencies contribute, type the decision at once, and share a live action list', async () => {
    const [mh, police] = await Promise.all([
      signedInPage(h.browser, h.server.url, demoUsers.member, path),
      signedInPage(h.browser, h.server.url, demoUsers.member2, path),
    ]);
    for (const { page } of [mh, police]) await view(page, 5, referral);

    // Each agency writes in its own contribution and reads the other's, attributed.
    await police.page.getByRole('button', { name: 'Add a contribution from Police Public Protection Unit' }).click();
    await police.page.getByLabel('Risks we see (Police Public Protection Unit)').fill('Two call-outs to the address this year.');
    await visible(mh.page, 'Two call-outs to the address this year.');
    await visible(mh.page, /Police Public Protection Unit — by Sam Constable/);

    // Both type into the decision at the same moment: both texts survive on both screens.
    const decision = (page: Page) => page.getByRole('textbox', { name: 'Decision', exact: true });
    await mh.page.getByLabel(/^Outcome for case RR-2026-014/).selectOption('allocate');
    await Promise.all([decision(mh.page).pressSequentially('Allocate a specialist midwife. ', { delay: 15 }), decision(police.page).pressSequentially('Police to share call-out log. ', { delay: 15 })]);
    for (const { page } of [mh, police]) {
      await expect.poll(() => decision(page).inputValue(), { timeout: 10_000 }).toContain('Allocate a specialist midwife.');
      await expect.poll(() => decision(page).inputValue(), { timeout: 10_000 }).toContain('Police to share call-out log.');
      expect(await page.getByLabel(/^Outcome for case RR-2026-014/).inputValue()).toBe('allocate');
    }

    // An action added on one screen appears on the other, where its owner marks it done.
    await mh.page.getByLabel('New action: what is to be done').fill('Share the call-out log with the midwife');
    // Owner and due date are required: the error summary lists both and nothing is added.
    await mh.page.getByRole('button', { name: 'Add action' }).click();
    const summary = mh.page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.getByRole('link', { name: 'Choose who owns the action' }).waitFor();
    await summary.getByRole('link', { name: 'Enter the due date' }).waitFor();
    expect(await police.page.getByLabel('Action 1 status').count()).toBe(0);
    await mh.page.getByLabel(/^Owner/).selectOption({ label: 'Sam Constable (Police Public Protection Unit)' });
    // Day, month and year boxes (dd/mm/yyyy whatever the browser's locale); a past date is refused with a message.
    const due = mh.page.getByRole('group', { name: 'Due', exact: true });
    await due.getByLabel('Day').fill('28');
    await due.getByLabel('Month').fill('11');
    await due.getByLabel('Year').fill('2020');
    await mh.page.getByRole('button', { name: 'Add action' }).click();
    await summary.getByRole('link', { name: /The due date must be today or in the future/ }).waitFor();
    const nextYear = String(new Date().getFullYear() + 1);
    await due.getByLabel('Day').fill('11');
    await due.getByLabel('Month').fill('12');
    await due.getByLabel('Year').fill(nextYear);
    await mh.page.getByRole('button', { name: 'Add action' }).click();
    await police.page.getByLabel('Action 1 status').waitFor({ timeout: 10_000 });
    expect(await police.page.getByLabel('Action 1: what').inputValue()).toBe('Share the call-out log with the midwife');
    const shownDue = police.page.getByRole('group', { name: 'Action 1 due' });
    expect([await shownDue.getByLabel('Day').inputValue(), await shownDue.getByLabel('Month').inputValue(), await shownDue.getByLabel('Year').inputValue()]).toEqual(['11', '12', nextYear]);
    await police.page.getByLabel('Action 1 status').selectOption('done');
    await expect.poll(() => mh.page.getByLabel('Action 1 status').inputValue(), { timeout: 10_000 }).toBe('done');

    expect(await seriousAxeViolations(mh.page)).toEqual([]);
    await Promise.all([mh.context.close(), police.context.close()]);
  });

  it('records apologies and updates last meeting’s actions under matters arising', async () => {
    const [chair, mh] = await Promise.all([
      signedInPage(h.browser, h.server.url, demoUsers.chair, path),
      signedInPage(h.browser, h.server.url, demoUsers.member, path),
    ]);
    await view(chair.page, 1, 'Apologies');
    await chair.page.getByLabel('Member sending apologies').selectOption({ label: 'Taylor Housing (Housing Options)' });
    await chair.page.getByRole('button', { name: 'Record apologies' }).click();
    await view(mh.page, 1, 'Apologies');
    await mh.page.getByRole('region', { name: 'Apologies received' }).getByRole('listitem').filter({ hasText: 'Taylor Housing' }).waitFor({ timeout: 10_000 });

    for (const { page } of [chair, mh]) await view(page, 4, 'Matters arising: open actions');
    const status = (page: Page) => page.getByLabel('Status of “Offer a perinatal mental health assessment”');
    await status(mh.page).selectOption('done');
    // The chair's screen follows without a reload: the room tells every screen the actions changed.
    await expect.poll(() => status(chair.page).inputValue(), { timeout: 10_000 }).toBe('done');
    await visible(chair.page, /Riley Mental-Health set Done/);
    expect(await seriousAxeViolations(chair.page)).toEqual([]);
    await Promise.all([chair.context.close(), mh.context.close()]);
  });
});
