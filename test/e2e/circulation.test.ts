import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { signedInPage } from '../support/browser-session.js';
import { seriousAxeViolations } from '../support/axe.js';
import { demoUsers } from '../support/session.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';

const meetingId = 'demo-previous';

describe('circulation in Chromium: a coordinator sends the extracts and sees when a recipient opens theirs', () => {
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

  it('sends links by default, the police recipient opens theirs in another browser, and the minutes page shows it opened', async () => {
    const { page } = await signedInPage(browser, server.url, demoUsers.coordinator, `/meetings/${meetingId}/minutes`);
    const section = page.getByRole('region', { name: 'Send to agencies' });
    await section.waitFor({ timeout: 10_000 });
    expect(await section.getByRole('radio', { name: 'Link (opens after sign-in)' }).isChecked()).toBe(true);
    // The coordinator unticks the people who need no copy: everyone but the police and mental-health members.
    for (const name of ['Morgan Chair', 'Casey Coordinator', 'Taylor Housing', 'Jordan Recovery']) await section.getByRole('checkbox', { name }).uncheck();
    await section.getByRole('button', { name: 'Send version 1 to 2 people' }).click();
    await page.getByText('Version 1 is being sent to 2 people.').waitFor({ timeout: 10_000 });

    await smtp.received(2);
    const [mail] = smtp.to(demoUsers.member2);
    const link = /(http:\/\/\S+\/extract#\S+)/.exec(mail.text ?? '')![1];
    expect(mail.text).not.toContain('RR-2026');

    // The recipient follows the link in a second browser context: signs in, then reads the police extract.
    const recipient = await signedInPage(browser, server.url, demoUsers.member2, link.slice(server.url.length));
    await recipient.page.getByRole('heading', { name: 'Minutes: extract for Police Public Protection Unit' }).waitFor({ timeout: 10_000 });
    await recipient.page.getByText('Check for police call-outs to the address').first().waitFor();
    expect(await recipient.page.getByText('Confirm the tenancy sustainment referral').count()).toBe(0);
    expect(await seriousAxeViolations(recipient.page)).toEqual([]);

    // Someone else signed in gets nothing from the same link.
    const other = await signedInPage(browser, server.url, demoUsers.member, link.slice(server.url.length));
    await other.page.getByText('This link has expired or is not for you.').waitFor({ timeout: 10_000 });

    await section.getByRole('button', { name: 'Refresh' }).click();
    const police = section.getByRole('row', { name: /Sam Constable/ });
    await police.getByText(/^Opened /).waitFor({ timeout: 10_000 });
    expect(await police.getByText('Sent', { exact: true }).count()).toBe(1);
    expect(await section.getByRole('row', { name: /Riley Mental-Health/ }).getByText('Not opened yet').count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('a coordinator names an agency lead and the threshold on the tracker; a member turns digests off on their account page', async () => {
    const { page } = await signedInPage(browser, server.url, demoUsers.coordinator, '/series/series-repeat-removals/actions');
    const reminders = page.getByRole('region', { name: 'Reminders and escalation' });
    await reminders.waitFor({ timeout: 10_000 });
    await reminders.getByLabel(/overdue by more than/).fill('10');
    await reminders.getByLabel('Lead for Housing Options').selectOption({ label: 'Taylor Housing' });
    await reminders.getByRole('button', { name: 'Save reminder settings' }).click();
    await page.getByText('Reminder settings saved.').waitFor({ timeout: 10_000 });
    expect(await seriousAxeViolations(page)).toEqual([]);
    const saved = (await page.evaluate(async () => (await fetch('/api/series/series-repeat-removals/reminders')).json())) as { escalateAfterDays: number; leads: { agency: string; name: string }[] };
    expect(saved.escalateAfterDays).toBe(10);
    // The demo's police lead stays; the housing lead is added.
    expect(saved.leads.map((l) => [l.agency, l.name])).toEqual([
      ['Housing Options', 'Taylor Housing'],
      ['Police Public Protection Unit', 'Sam Constable'],
    ]);

    const member = await signedInPage(browser, server.url, demoUsers.member2, '/');
    await member.page.getByRole('link', { name: 'Your account' }).click();
    const digests = member.page.getByRole('checkbox', { name: /daily digest/ });
    expect(await digests.isChecked()).toBe(true);
    await digests.uncheck();
    await member.page.getByRole('button', { name: 'Save' }).click();
    await member.page.getByText('You will no longer get daily digests.').waitFor({ timeout: 10_000 });
    expect(await seriousAxeViolations(member.page)).toEqual([]);
    // Saving the account page also stores the language it was read in.
    expect(await member.page.evaluate(async () => (await fetch('/api/me/preferences')).json())).toEqual({ digests: false, language: 'en' });
  });

  it('without an SMTP server the minutes page says sending is not configured and points to the downloads', async () => {
    const plain = await startTestServer();
    try {
      const { page } = await signedInPage(browser, plain.url, demoUsers.coordinator, `/meetings/${meetingId}/minutes`);
      const section = page.getByRole('region', { name: 'Send to agencies' });
      await section.getByText('Sending by email is not configured on this server.').waitFor({ timeout: 10_000 });
      expect(await section.getByRole('button', { name: /^Send version/ }).count()).toBe(0);
      expect(await page.getByLabel('Copy for').count()).toBe(1);
      expect(await seriousAxeViolations(page)).toEqual([]);
    } finally {
      await plain.cleanup();
    }
  });
});
