/**
 * Issue 16, the outcomes dashboard in Chromium: a coordinator opens it from the series page, changes the date range
 * (kept in the URL), sees each chart beside its table and downloads a table's CSV, which holds exactly the rows on
 * screen; a governance board member opens it from the meetings list, sees the figures but no case content; axe
 * finds nothing serious or critical on the page.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserHarness } from '../support/e2e.js';
import { seriousAxeViolations } from '../support/axe.js';
import { signedInPage } from '../support/browser-session.js';
import { demoUsers } from '../support/session.js';
import { parseCsv } from '../support/read-exports.js';
import { formatDay } from '../../shared/i18n/format.js';

const table = (page: Page, name: string) => page.getByRole('table', { name });
/** Header and body rows of a table as text. */
const tableCells = (page: Page, name: string) =>
  table(page, name)
    .locator('tr')
    .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('th, td')).map((c) => (c.textContent ?? '').trim())));
const fillDate = async (page: Page, legend: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(String(Number(d)));
  await group.getByLabel('Month').fill(String(Number(m)));
  await group.getByLabel('Year').fill(y);
};

describe('the outcomes dashboard', () => {
  const h = browserHarness();
  const year = new Date().getUTCFullYear();

  it('a coordinator changes the range (kept in the URL), sees charts beside tables and downloads a table as CSV', async () => {
    const { context, page } = await signedInPage(h.browser, h.server.url, demoUsers.coordinator, '/series/series-repeat-removals');
    await page.getByRole('link', { name: 'Outcomes dashboard' }).click();
    await page.getByRole('heading', { level: 1, name: /Outcomes dashboard/ }).waitFor();
    await table(page, 'Decisions by outcome').waitFor();

    const from = `${year - 1}-01-01`;
    const to = `${year + 1}-12-31`;
    await fillDate(page, 'From', from);
    await fillDate(page, 'To', to);
    await page.getByRole('button', { name: 'Show figures' }).click();
    await page.getByRole('heading', { level: 2, name: `${formatDay('en', from)} to ${formatDay('en', to)}` }).waitFor();
    expect(new URL(page.url()).search).toBe(`?from=${from}&to=${to}`);
    await page.getByRole('img', { name: /^Referrals per month by referring agency: chart/ }).waitFor();
    await page.getByRole('img', { name: /^Decisions by outcome: chart/ }).waitFor();

    // The seeded quarter: referrals from several agencies, and the demo's held meetings.
    const referrals = await tableCells(page, 'Referrals per month by referring agency');
    expect(referrals[0]).toEqual(['Month', 'Referring agency', 'Referrals', 'Repeat referrals']);
    expect(new Set(referrals.slice(1).map((r) => r[1])).size).toBeGreaterThan(2);
    const meetings = await tableCells(page, 'Meetings held');
    expect(Number(meetings.find((r) => r[0] === 'Held')![1])).toBeGreaterThanOrEqual(2);

    const shown = await tableCells(page, 'Attendance per agency');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download as CSV: Attendance per agency' }).click()]);
    const csv = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    expect(parseCsv(csv)).toEqual(shown);
    expect(shown.length).toBeGreaterThan(2);

    // A reload shows the same range; a range that runs backwards is refused beside the field.
    await page.reload();
    await page.getByRole('heading', { level: 2, name: `${formatDay('en', from)} to ${formatDay('en', to)}` }).waitFor();
    await fillDate(page, 'From', `${year}-06-02`);
    await fillDate(page, 'To', `${year}-06-01`);
    await page.getByRole('button', { name: 'Show figures' }).click();
    await page.getByRole('alert').getByRole('link', { name: 'The start date must be on or before the end date' }).waitFor();
    expect(new URL(page.url()).search).toBe(`?from=${from}&to=${to}`);

    const violations = await seriousAxeViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await context.close();
  });

  it('a governance board member opens it from the meetings list and sees figures, never case content', async () => {
    const { context, page } = await signedInPage(h.browser, h.server.url, demoUsers.governance, '/');
    await page.getByRole('link', { name: 'Outcomes dashboard: Repeat Removals Triage' }).click();
    await page.getByRole('heading', { level: 1, name: /Outcomes dashboard/ }).waitFor();
    await table(page, 'Decisions by outcome').waitFor();
    await page.getByRole('img', { name: /^Decisions by outcome: chart/ }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the quarterly data return' }).click()]);
    const rows = parseCsv(fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, ''));
    expect(rows[0]).toEqual(['Series', 'Period start', 'Period end', 'Section', 'Breakdown', 'Measure', 'Value']);
    expect(rows[1].slice(3, 6)).toEqual(['summary', 'All', 'Referrals']);

    const violations = await seriousAxeViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);

    // Case content stays closed to them, whatever they type into the address bar.
    const statuses = await page.evaluate(async () =>
      Promise.all(['/api/meetings/demo-previous/minutes', '/api/cases/RR-2026-009', '/api/series/series-repeat-removals/actions', '/api/series/series-repeat-removals/cases'].map(async (p) => (await fetch(p)).status)),
    );
    expect(statuses).toEqual([403, 403, 403, 403]);
    await page.goto(`${h.server.url}/`);
    await page.getByRole('link', { name: 'Outcomes dashboard: Repeat Removals Triage' }).waitFor();
    expect(await page.getByRole('link', { name: /Action tracker/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Case register' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Referrals and cases' }).count()).toBe(0);
    // The series page: its record and the dashboard link, but no way into a meeting, its minutes or the tracker.
    await page.getByRole('link', { name: 'Repeat Removals Triage: all meetings' }).click();
    await page.getByRole('link', { name: 'Outcomes dashboard' }).waitFor();
    await page.getByRole('table').first().waitFor();
    expect(await page.getByRole('link', { name: /^(Open|Minutes|Calendar file)/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Action tracker' }).count()).toBe(0);
    await context.close();
  });
});
