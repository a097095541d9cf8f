/**
 * Issue 16, the minutes page in Welsh (Chromium): its heading and date, the downloads, the versions, the amend form and
 * "Send to agencies" (circulation through a real SMTP server) read in Welsh with cy-GB dates and Welsh plural forms,
 * and axe finds nothing serious. The minutes' own words are in the series' language (minutes-cy.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { signedInPage } from '../support/browser-session.js';
import { seriousAxeViolations } from '../support/axe.js';
import { demoUsers } from '../support/session.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';

const meetingId = 'demo-previous';
const welshDateTime = /\d{1,2} (Ion|Chwef|Maw|Ebr|Mai|Meh|Gorff|Awst|Medi|Hyd|Tach|Rhag) \d{4}, \d{2}:\d{2}/;

describe('the minutes page in Welsh', () => {
  let smtp: TestSmtp;
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    smtp = await startTestSmtp();
    // 05:00 UTC: before the daily reminders' hour, so the SMTP server only sees what the coordinator sends.
    // Tomorrow 05:00 UTC: the session cookie's expiry is then still ahead of the browser's real clock at any hour.
    const clock = Date.parse(`${new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)}T05:00:00Z`);
    server = await startTestServer({ config: { smtpUrl: smtp.url }, now: () => clock });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.cleanup();
    await smtp?.stop();
  });

  const noSerious = async (page: import('playwright-core').Page) => {
    const violations = await seriousAxeViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
  };

  it('reads in Welsh: downloads, versions, amending and sending to the agencies', async () => {
    const { context, page } = await signedInPage(browser, server.url, demoUsers.coordinator, `/meetings/${meetingId}/minutes`);
    await context.addCookies([{ name: 'triage_lang', value: 'cy', url: server.url }]);
    await page.reload();
    const heading = page.getByRole('heading', { level: 1, name: /^Cofnodion: / });
    await heading.waitFor({ timeout: 10_000 });
    expect(await heading.textContent()).toMatch(/, Dydd (Llun|Mawrth|Mercher|Iau|Gwener|Sadwrn|Sul),? \d{1,2} \S+ \d{4} am \d{2}:\d{2}$/);
    await page.getByRole('heading', { level: 2, name: 'Lawrlwytho fersiwn 1' }).waitFor();
    await page.getByLabel('Copi ar gyfer').selectOption({ index: 1 });
    await page.getByRole('link', { name: /^Dogfen Word \(\.docx\) – detholiad / }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Fersiynau' }).waitFor();
    expect(await page.getByRole('listitem').filter({ has: page.getByRole('button', { name: 'Fersiwn 1' }) }).textContent()).toMatch(welshDateTime);

    // Sending: the default is the link, the button counts people with Welsh plural forms.
    const section = page.getByRole('region', { name: 'Anfon at yr asiantaethau' });
    expect(await section.getByRole('radio', { name: 'Dolen (yn agor ar ôl mewngofnodi)' }).isChecked()).toBe(true);
    await section.getByText('Yn bresennol yn y cyfarfod').first().waitFor();
    await noSerious(page);
    for (const name of ['Morgan Chair', 'Casey Coordinator', 'Taylor Housing', 'Jordan Recovery']) await section.getByRole('checkbox', { name }).uncheck();
    await section.getByRole('button', { name: 'Anfon fersiwn 1 at 2 berson' }).click();
    await page.getByText('Mae fersiwn 1 yn cael ei hanfon at 2 berson.').waitFor({ timeout: 10_000 });
    await smtp.received(2);
    const sent = section.getByRole('table', { name: 'Wedi’u hanfon' });
    expect(await sent.getByRole('columnheader').allTextContents()).toEqual(['Derbynnydd', 'Anfonwyd', 'Danfon', 'Agorwyd y ddolen']);
    const police = sent.getByRole('row', { name: /Sam Constable/ });
    expect(await police.locator('td').first().textContent()).toMatch(new RegExp(`^Fersiwn 1, dolen, ${welshDateTime.source}$`));
    await police.getByText('Heb ei hagor eto').waitFor();
    await noSerious(page);

    // Amending: the form, its labels and the result in Welsh.
    await page.getByRole('button', { name: 'Diwygio’r cofnodion hyn' }).click();
    await page.getByRole('heading', { level: 2, name: 'Diwygio fersiwn 1' }).waitFor();
    await page.getByRole('group', { name: /^Eitem 1\. / }).waitFor();
    await noSerious(page);
    const background = page.getByLabel('Cefndir eitem 1', { exact: true });
    await background.fill(`${await background.inputValue()} Cywirwyd y dyddiad.`);
    await page.getByLabel('Pam mae’r cofnodion yn cael eu diwygio?').fill('Cywiro’r cefndir');
    await page.getByRole('button', { name: 'Cadw fel fersiwn 2' }).click();
    await page.getByText('Wedi’i gadw fel fersiwn 2').waitFor({ timeout: 10_000 });
    await page.getByText('Mae’r fersiynau cynharach yn aros yn union fel yr oeddent.').waitFor();
    await page.getByText('Rheswm: Cywiro’r cefndir').waitFor();
    await section.getByText('Nid yw fersiwn 2 wedi’i hanfon eto: fersiwn 1 a anfonwyd at yr asiantaethau ddiwethaf.').waitFor();
    await noSerious(page);
    await context.close();
  });
});
