import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoMeetingId } from '../../server/seed/demo.js';
import { readAgenda } from '../../shared/meeting-doc.js';
import { addAction, decisionText, setDecisionOutcome } from '../../shared/item-work.js';
import { browserHarness } from '../support/e2e.js';
import { signedInPage } from '../support/browser-session.js';
import { seriousAxeViolations } from '../support/axe.js';
import { demoUsers, signIn } from '../support/session.js';
import { connectYClient } from '../support/yjs-client.js';
import { pdfPages, unzipDocx, wordParagraphs } from '../support/read-exports.js';

const visible = (page: Page, text: string | RegExp) => page.getByText(text).first().waitFor({ state: 'visible', timeout: 10_000 });

async function download(page: Page, linkName: string) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: linkName }).click()]);
  return { name: file.suggestedFilename(), body: fs.readFileSync((await file.path())!) };
}

describe('minutes in Chromium: the chair ends, a coordinator reads, downloads and amends', () => {
  const h = browserHarness();

  it('writes the minutes at the end and lets the coordinator download .docx and .pdf and amend them', async () => {
    // The room's work on one case, written by a specialist's client before the chair ends the meeting.
    const y = connectYClient(h.server.url, demoMeetingId, { headers: { cookie: await signIn(h.server.url, demoUsers.member2) } });
    await y.synced;
    const agenda = readAgenda(y.doc);
    const item = agenda.find((i) => i.caseRef === 'RR-2026-015')!;
    const itemNumber = agenda.indexOf(item) + 1;
    y.doc.transact(() => {
      setDecisionOutcome(y.doc, item.id, 'escalate');
      decisionText(y.doc, item.id, 'text').insert(0, 'Escalate to a strategy meeting this week.');
      decisionText(y.doc, item.id, 'reasons').insert(0, 'Risk increased since the referral.');
      addAction(y.doc, item.id, { what: 'Convene the strategy meeting', due: '2026-12-04' });
    });
    await y.saved();
    y.destroy();

    const chair = await signedInPage(h.browser, h.server.url, demoUsers.chair, `/meetings/${demoMeetingId}`);
    await chair.page.getByRole('button', { name: 'Open the meeting' }).click();
    await visible(chair.page, /Meeting status:\s*live/);
    const endButton = chair.page.getByRole('button', { name: 'End the meeting', exact: true });
    // Pressed twice: one question, not two.
    await endButton.click();
    await endButton.click();
    const question = chair.page.getByRole('alertdialog', { name: 'End the meeting?' });
    const warning = (await question.textContent()) ?? '';
    expect(await chair.page.getByRole('alertdialog').count()).toBe(1);
    await question.getByRole('button', { name: 'Yes, end the meeting' }).click();
    await chair.page.getByRole('link', { name: 'read the minutes' }).waitFor({ timeout: 10_000 });
    // The chair was told which cases still had no outcome before confirming.
    expect(warning).toMatch(/No decision outcome yet for: .*RR-2026-014/);
    expect(warning).not.toContain('RR-2026-015');

    const { page, context } = await signedInPage(h.browser, h.server.url, demoUsers.coordinator);
    await page.getByRole('list', { name: 'Past meetings' }).getByRole('link', { name: 'Minutes' }).first().click();
    await visible(page, 'Escalate – Escalate to a strategy meeting this week.');
    const number = (await page.locator('p', { hasText: 'Decision number:' }).first().textContent())!.replace('Decision number:', '').trim();
    expect(number).toMatch(/^\d{3}\/\d{4}$/);
    // `TRIAGE_SCREENSHOTS=1` refreshes the README picture of the minutes page (synthetic data only).
    if (process.env.TRIAGE_SCREENSHOTS === '1') await page.screenshot({ path: fileURLToPath(new URL('../../docs/minutes.png', import.meta.url)) });

    const docx = await download(page, 'Word (.docx)');
    expect(docx.name).toMatch(/-minutes-v1\.docx$/);
    const words = wordParagraphs(unzipDocx(docx.body).document).join('\n');
    expect(words).toContain(`Decision number: ${number}`);
    expect(words).toContain('Convene the strategy meeting');
    const pdf = await download(page, 'PDF');
    expect(pdf.name).toMatch(/-minutes-v1\.pdf$/);
    const pages = await pdfPages(pdf.body);
    expect(pages[0]).toContain('OFFICIAL-SENSITIVE');
    expect(pages.join('\n')).toContain(number);
    expect(pages.at(-1)).toContain(`Page ${pages.length} of ${pages.length}`);
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Amend these minutes' }).click();
    await page.getByLabel(`Decision of item ${itemNumber}`).fill('Escalate to a strategy meeting on Thursday.');
    // No reason given: the server refuses it (422), the summary takes focus and links to the reason box, which shows
    // the same message inline; nothing is stored (the form stays open, and below the latest is version 2, not 3).
    await page.getByRole('button', { name: 'Save as version 2' }).click();
    const amendForm = page.getByRole('form', { name: /^Amend version 1/ });
    const amendSummary = amendForm.locator('.govuk-error-summary');
    const noReason = 'Say why the minutes are amended';
    await amendSummary.getByRole('link', { name: noReason }).waitFor();
    expect(await amendSummary.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await amendForm.getByText(`Error: ${noReason}`).count()).toBe(1);
    const reason = page.getByLabel(/Why are the minutes being amended/);
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    expect(await reason.getAttribute('aria-describedby')).toContain('amend-note-error');
    await amendSummary.getByRole('link', { name: noReason }).click();
    expect(await reason.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByRole('button', { name: 'Version 2', exact: true }).count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByLabel(/Why are the minutes being amended/).fill('Date of the strategy meeting confirmed');
    await page.getByRole('button', { name: 'Save as version 2' }).click();
    await visible(page, 'Escalate – Escalate to a strategy meeting on Thursday.');
    await visible(page, 'Reason: Date of the strategy meeting confirmed');
    await page.getByRole('button', { name: 'Version 1' }).click();
    await visible(page, 'You are reading version 1. The latest is version 2.');
    await visible(page, 'Escalate – Escalate to a strategy meeting this week.');
    const old = await download(page, 'Word (.docx)');
    expect(old.name).toMatch(/-minutes-v1\.docx$/);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await Promise.all([context.close(), chair.context.close()]);
  });

  it('lists open and overdue actions in the tracker, filtered by agency', async () => {
    const { page, context } = await signedInPage(h.browser, h.server.url, demoUsers.member);
    await page.getByRole('link', { name: /^Action tracker/ }).click();
    await visible(page, 'Confirm the tenancy sustainment referral');
    await page.getByLabel('Show').selectOption('overdue');
    await visible(page, '1 action');
    await page.getByRole('table').getByText('Overdue', { exact: true }).first().waitFor({ timeout: 10_000 });
    await page.getByLabel('Show').selectOption('all');
    await page.getByLabel('Agency').selectOption({ label: 'Adult Mental Health (NHS)' });
    await visible(page, '1 action');
    await visible(page, 'Offer a perinatal mental health assessment');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });
});
