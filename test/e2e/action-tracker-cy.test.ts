/**
 * Issue 16, the action tracker in Welsh (Chromium): headings, filters, column headers, sort, dates in cy-GB, the bulk
 * status change with its reason and the client-made CSV all read in Welsh, and axe finds nothing serious.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserHarness } from '../support/e2e.js';
import { seriousAxeViolations } from '../support/axe.js';
import { signedInPage } from '../support/browser-session.js';
import { demoUsers } from '../support/session.js';

const path = '/series/series-repeat-removals/actions';
const table = (page: Page) => page.getByRole('table', { name: /^Camau gweithredu: Repeat Removals Triage/ });
const cells = (page: Page) =>
  table(page).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('th, td')).map((c) => (c.textContent ?? '').trim())));
/** A day as cy-GB writes it: "28 Tach 2026". */
const welshDay = /^\d{1,2} (Ion|Chwe|Chwef|Maw|Ebr|Mai|Meh|Gor|Gorff|Awst|Medi|Hyd|Tach|Rhag) \d{4}/;

describe('the action tracker in Welsh', () => {
  const h = browserHarness();

  it('reads in Welsh: sort, filter, dates, bulk status with a reason, CSV, axe', async () => {
    const { context, page } = await signedInPage(h.browser, h.server.url, demoUsers.coordinator, path);
    await context.addCookies([{ name: 'triage_lang', value: 'cy', url: h.server.url }]);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Camau gweithredu: Repeat Removals Triage' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('cy');
    await page.getByRole('heading', { level: 2, name: 'Nodiadau atgoffa ac uwchgyfeirio' }).waitFor();

    await page.getByLabel('Dangos', { exact: true }).selectOption('all');
    await table(page).locator('tbody tr').nth(2).waitFor();
    expect(await table(page).getByRole('columnheader').allTextContents()).toEqual(expect.arrayContaining(['Cam gweithredu', 'Achos', 'Perchennog', 'Asiantaeth', 'Erbyn', 'Statws']));
    const agencyHeader = table(page).getByRole('columnheader', { name: 'Asiantaeth' });
    await agencyHeader.getByRole('button').click();
    expect(await agencyHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(new URL(page.url()).search).toBe('?show=all&sort=agency&dir=ascending');
    const rows = await cells(page);
    // Due dates in cy-GB, the meeting each action was agreed at named in Welsh.
    expect(rows.map((r) => r[5]).filter((d) => d !== 'Dim dyddiad erbyn').every((d) => welshDay.test(d))).toBe(true);
    expect(rows[0][1]).toContain('Cytunwyd yn');
    expect(rows.some((r) => r[6] === 'Ar agor')).toBe(true);

    // Filter by agency: the count reads in Welsh, and the CSV holds the rows with a Welsh header.
    const agency = 'Adult Mental Health (NHS)';
    await page.getByLabel('Asiantaeth', { exact: true }).selectOption({ label: agency });
    await page.getByText('1 cam gweithredu', { exact: true }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Lawrlwytho’r camau gweithredu hyn (CSV)' }).click()]);
    const lines = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('cam gweithredu,cyfeirnod achos,perchennog,asiantaeth,erbyn,statws,yn hwyr,cytunwyd yn,cytunwyd ar');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(agency);
    expect(lines[1]).toMatch(/,Ar agor,(ie|na),/);

    // Bulk status: two open actions set to "not done", which needs a reason, asked for in Welsh.
    await page.getByLabel('Asiantaeth', { exact: true }).selectOption('');
    await page.getByLabel('Dangos', { exact: true }).selectOption('open');
    // The filtered rows, not the ones still shown from before the choice re-rendered (a busy machine shows those).
    await page.waitForFunction(() => {
      const rows = Array.from(document.querySelectorAll('table tbody tr'));
      return rows.length >= 2 && rows.every((tr) => tr.querySelector('td:last-child')?.textContent?.includes('Ar agor'));
    });
    const rowCount = await table(page).locator('tbody tr').count();
    const firstTwo = (await cells(page)).slice(0, 2).map((r) => r[1].split('Cytunwyd yn')[0].trim());
    for (const what of firstTwo) await page.getByRole('checkbox', { name: `Dewis “${what}”` }).check();
    await page.getByLabel(/^Statws newydd i’r 2 a ddewiswyd/).selectOption('not-done');
    await page.getByRole('button', { name: 'Newid y statws' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Mae problem wedi codi' });
    await summary.getByRole('link', { name: 'Rhowch y rheswm dros y statws “Heb ei wneud – ni weithredodd yr asiantaeth”' }).waitFor();
    const withErrors = await seriousAxeViolations(page);
    expect(withErrors, JSON.stringify(withErrors, null, 2)).toEqual([]);
    await page.getByLabel('Rheswm', { exact: true }).fill('Ni ddaeth y teulu i’r naill apwyntiad na’r llall');
    await page.getByRole('button', { name: 'Newid y statws' }).click();
    await page.getByRole('alert').filter({ hasText: 'Newidiwyd statws 2 gam gweithredu i “Heb ei wneud – ni weithredodd yr asiantaeth”' }).waitFor();
    await page.waitForFunction((n) => document.querySelectorAll('table tbody tr').length === n, rowCount - 2);
    await page.getByLabel('Dangos', { exact: true }).selectOption('all');
    const row = table(page).locator('tbody tr', { hasText: firstTwo[0] });
    await row.locator('td').last().getByText('Heb ei wneud – ni weithredodd yr asiantaeth', { exact: true }).waitFor();
    await row.getByText('Hanes').click();
    expect(await row.getByRole('rowheader').textContent()).toMatch(/wedi gosod Heb ei wneud – ni weithredodd yr asiantaeth — Ni ddaeth y teulu/);

    const violations = await seriousAxeViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await context.close();
  });
});
