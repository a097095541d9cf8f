/**
 * Issue 16, the live room in Welsh (Chromium): a chair switches the interface to Welsh with the header's switch and
 * runs the demo meeting in Welsh while a member follows in English, from the same live room. The chair sees the
 * agenda, the room panel, the speaker queue, notes, contributions, decision, actions and the save status in Welsh,
 * and axe finds nothing serious; the member's screen stays in English. An observer reading in Welsh is told in Welsh
 * why the meeting is read-only (the server sends a code, the screen words it).
 */
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
const noSeriousViolations = async (page: Page) => {
  const violations = await seriousAxeViolations(page);
  expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
};

describe('the live room in Welsh, in Chromium', () => {
  const h = browserHarness();

  it('a chair runs the demo meeting in Welsh while a member follows in English', async () => {
    const [chair, mh] = await Promise.all([
      signedInPage(h.browser, h.server.url, demoUsers.chair, path),
      signedInPage(h.browser, h.server.url, demoUsers.member, path),
    ]);
    const cy = chair.page;
    cy.setDefaultTimeout(10_000);
    await cy.getByRole('button', { name: 'Newid yr iaith i’r Gymraeg' }).click();
    expect(await cy.evaluate(() => document.documentElement.lang)).toBe('cy');

    // Before the meeting opens: the agenda rail, the room panel and the save status, all in Welsh.
    await cy.getByRole('heading', { level: 2, name: 'Agenda' }).waitFor();
    await cy.getByRole('list', { name: 'Eitemau ar yr agenda' }).waitFor();
    await cy.getByRole('heading', { level: 2, name: 'Ystafell' }).waitFor();
    await visible(cy, /Statws y cyfarfod:\s*wedi’i drefnu/);
    await cy.locator('.room-bar').getByRole('status').filter({ hasText: 'Pob newid wedi’i gadw' }).waitFor();
    await visible(cy, /Rydych chi yma fel\s*cadeirydd/);
    await cy.getByRole('heading', { level: 3, name: 'Ciw siaradwyr' }).waitFor();
    await visible(cy, 'Does neb wedi codi llaw.');
    await visible(cy, 'Yn bresennol (2)');

    await cy.getByRole('button', { name: 'Agor y cyfarfod' }).click();
    await visible(cy, /Statws y cyfarfod:\s*yn fyw/);
    await visible(mh.page, /Meeting status:\s*live/);

    // An observer reading in Welsh is told in Welsh why the meeting is read-only (the server sent a code, 'viewOnly').
    const observer = await signedInPage(h.browser, h.server.url, demoUsers.observer, path);
    await observer.page.getByRole('button', { name: 'Newid yr iaith i’r Gymraeg' }).click();
    await observer.page.locator('.room-bar').getByRole('status').filter({ hasText: 'Darllen yn unig' }).waitFor({ timeout: 10_000 });
    await visible(observer.page, 'Gallwch ddarllen y cyfarfod hwn ond nid ei newid');
    await visible(observer.page, /Rydych chi yma fel\s*sylwedydd/);
    expect(await observer.page.getByRole('button', { name: 'Ychwanegu eitem' }).count()).toBe(0);
    await noSeriousViolations(observer.page);
    await observer.context.close();

    // Confidentiality, then the chair moves the room: the member's English screen follows the Welsh chair.
    await cy.getByRole('heading', { level: 2, name: 'Cyfrinachedd' }).waitFor();
    await cy.getByRole('button', { name: 'Rwy’n cydnabod' }).click();
    await visible(cy, 'Rydych chi wedi cydnabod y datganiad cyfrinachedd.');
    await cy.getByRole('button', { name: `Trafod nawr: eitem 5, ${referral}` }).click();
    await visible(cy, `Yn cael ei drafod nawr: ${referral} (achos RR-2026-014)`);
    await visible(mh.page, `Now discussing: ${referral} (case RR-2026-014)`);

    // The item on screen: notes, contributions, decision and actions, in Welsh (outcomes and statuses too).
    await cy.getByRole('textbox', { name: `Nodiadau’r drafodaeth ar gyfer ${referral}` }).waitFor({ timeout: 10_000 });
    await cy.getByRole('group', { name: `Fformatio ar gyfer Nodiadau’r drafodaeth ar gyfer ${referral}` }).getByRole('button', { name: 'Trwm' }).waitFor();
    await cy.getByRole('heading', { level: 3, name: 'Cyfraniadau’r asiantaethau' }).waitFor();
    await cy.getByRole('heading', { level: 3, name: 'Penderfyniad' }).waitFor();
    const outcome = cy.getByLabel('Canlyniad ar gyfer achos RR-2026-014');
    expect(await outcome.locator('option').allTextContents()).toEqual(['Heb benderfynu eto', 'Derbyn', 'Dyrannu', 'Cyfeirio', 'Dim camau pellach', 'Uwchgyfeirio', 'Gohirio']);
    await outcome.selectOption('allocate');
    await expect.poll(() => mh.page.getByLabel('Outcome for case RR-2026-014').inputValue(), { timeout: 10_000 }).toBe('allocate');
    await cy.getByRole('textbox', { name: 'Rhesymau', exact: true }).fill('Mae angen bydwraig arbenigol.');

    // A new action: the Welsh error summary, then the action reaches the member's English screen.
    await cy.getByRole('heading', { level: 3, name: 'Camau gweithredu' }).waitFor();
    await cy.getByRole('button', { name: 'Ychwanegu cam gweithredu' }).click();
    const summary = cy.getByRole('alert').filter({ hasText: 'Mae problem wedi codi' });
    await summary.getByRole('link', { name: 'Rhowch beth sydd i’w wneud' }).waitFor();
    await summary.getByRole('link', { name: 'Dewiswch bwy sy’n berchen ar y cam gweithredu' }).waitFor();
    await cy.getByLabel('Cam gweithredu newydd: beth sydd i’w wneud').fill('Trefnu ymweliad gan fydwraig');
    await cy.getByLabel(/^Perchennog/).selectOption({ label: 'Riley Mental-Health (Adult Mental Health (NHS))' });
    const due = cy.getByRole('group', { name: 'Erbyn', exact: true });
    const nextYear = String(new Date().getFullYear() + 1);
    await due.getByRole('textbox').nth(0).fill('11');
    await due.getByRole('textbox').nth(1).fill('12');
    await due.getByRole('textbox').nth(2).fill(nextYear);
    await cy.getByRole('button', { name: 'Ychwanegu cam gweithredu' }).click();
    await expect.poll(() => mh.page.getByLabel('Action 1: what').inputValue(), { timeout: 10_000 }).toBe('Trefnu ymweliad gan fydwraig');
    const status = cy.getByLabel(/Cam gweithredu 1\s*Statws/);
    expect(await status.locator('option').allTextContents()).toContain('○ Ar agor');

    // The speaker queue: the member raises a hand in English, the chair calls them in Welsh.
    await mh.page.getByRole('button', { name: 'Raise hand' }).click();
    await cy.getByRole('list', { name: 'Dwylo wedi’u codi' }).getByText('Riley Mental-Health').waitFor();
    await cy.getByRole('button', { name: 'Galw’r siaradwr nesaf' }).click();
    await visible(cy, /Yn siarad:\s*Riley Mental-Health/);
    await visible(mh.page, /Speaking:\s*Riley Mental-Health/);
    await cy.locator('.room-bar').getByRole('status').filter({ hasText: 'Pob newid wedi’i gadw' }).waitFor();
    // The chair's restricted notes have their own document and save status, named in Welsh too.
    await cy.getByRole('status').filter({ hasText: 'Nodiadau cyfyngedig: Pob newid wedi’i gadw' }).waitFor();
    await noSeriousViolations(cy);

    // Nothing in the room panel or the bar is left in English.
    const panel = (await cy.locator('.room-panel').textContent()) ?? '';
    const bar = (await cy.locator('.room-bar').textContent()) ?? '';
    for (const english of ['Meeting status', 'Present', 'Speaker queue', 'Raise hand', 'Item timer', 'Now discussing', 'All changes saved']) {
      expect(panel + bar).not.toContain(english);
    }

    // Ending in Welsh: the confirmation, then the read-only record and the way to the minutes.
    await cy.getByRole('button', { name: 'Dod â’r cyfarfod i ben' }).click();
    await cy.getByRole('button', { name: 'Ydw, dod â’r cyfarfod i ben' }).click();
    await visible(cy, /Statws y cyfarfod:\s*wedi dod i ben/);
    await cy.getByRole('link', { name: 'darllen y cofnodion' }).waitFor();
    await visible(mh.page, /Meeting status:\s*ended/);
    await visible(cy, 'Mae’r cyfarfod wedi dod i ben: mae ei gofnod yn un darllen yn unig');
    await noSeriousViolations(cy);
    await Promise.all([chair.context.close(), mh.context.close()]);
  }, 120_000);
});
