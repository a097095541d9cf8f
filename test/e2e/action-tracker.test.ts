/**
 * Issue 13: the action tracker is a GOV.UK table named after its series, sortable by due, status, agency, owner and
 * case; its filters and sort live in the URL; a coordinator changes several statuses at once (a reason needed for
 * "not done"); "Download these actions (CSV)" holds exactly the rows on screen.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserHarness } from '../support/e2e.js';
import { seriousAxeViolations } from '../support/axe.js';
import { signedInPage } from '../support/browser-session.js';
import { demoUsers } from '../support/session.js';

const path = '/series/series-repeat-removals/actions';
const table = (page: Page) => page.getByRole('table', { name: /^Actions: Repeat Removals Triage/ });
/** Each body row's cells as text. */
const cells = (page: Page) =>
  table(page).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('th, td')).map((c) => (c.textContent ?? '').trim())));

describe('the action tracker', () => {
  const h = browserHarness();

  it('is a table named after the series, sorted by its headers, with filters and sort kept in the URL', async () => {
    const { context, page } = await signedInPage(h.browser, h.server.url, demoUsers.coordinator, path);
    await page.getByRole('heading', { level: 1, name: 'Actions: Repeat Removals Triage' }).waitFor();
    await page.getByLabel('Show', { exact: true }).selectOption('all');
    await table(page).locator('tbody tr').nth(2).waitFor();

    // Sort by agency: ascending, then descending; aria-sort says which.
    const agencyHeader = table(page).getByRole('columnheader', { name: 'Agency' });
    await agencyHeader.getByRole('button').click();
    expect(await agencyHeader.getAttribute('aria-sort')).toBe('ascending');
    const agencyCol = async () => (await cells(page)).map((r) => r[4]).filter((a) => a !== '—');
    const asc = await agencyCol();
    expect(asc).toEqual([...asc].sort((a, b) => a.localeCompare(b, 'en-GB')));
    await agencyHeader.getByRole('button').click();
    expect(await agencyHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await agencyCol()).toEqual([...asc].reverse());
    expect(new URL(page.url()).search).toBe('?show=all&sort=agency&dir=descending');

    // The URL is the view: a reload shows the same filter and order.
    const before = await cells(page);
    await page.reload();
    await table(page).locator('tbody tr').first().waitFor();
    expect(await page.getByLabel('Show', { exact: true }).inputValue()).toBe('all');
    expect(await cells(page)).toEqual(before);
    for (const name of ['Due', 'Status', 'Owner', 'Case']) {
      await table(page).getByRole('columnheader', { name }).getByRole('button').click();
      expect(await table(page).getByRole('columnheader', { name }).getAttribute('aria-sort')).toBe('ascending');
    }
    const violations = await seriousAxeViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await context.close();
  });

  it('downloads exactly the filtered rows as CSV', async () => {
    const { context, page } = await signedInPage(h.browser, h.server.url, demoUsers.coordinator, `${path}?show=all`);
    await table(page).locator('tbody tr').first().waitFor();
    const agency = 'Adult Mental Health (NHS)';
    await page.getByLabel('Agency', { exact: true }).selectOption({ label: agency });
    await page.getByText('1 action', { exact: true }).waitFor();
    const shown = await cells(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download these actions (CSV)' }).click()]);
    const csv = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('action,case ref,owner,agency,due,status,overdue,agreed at,agreed on');
    expect(lines).toHaveLength(1 + shown.length);
    expect(lines[1]).toContain(agency);
    expect(lines[1].startsWith(shown[0][1].split('Agreed at')[0].trim())).toBe(true);
    await context.close();
  });

  it('changes several statuses at once, asking for a reason for "not done", by keyboard', async () => {
    const { context, page } = await signedInPage(h.browser, h.server.url, demoUsers.coordinator, path);
    await table(page).locator('tbody tr').first().waitFor();
    const rowCount = await table(page).locator('tbody tr').count();
    expect(rowCount).toBeGreaterThanOrEqual(2);
    const firstTwo = (await cells(page)).slice(0, 2).map((r) => r[1].split('Agreed at')[0].trim());
    for (const what of firstTwo) {
      await page.getByRole('checkbox', { name: `Select “${what}”` }).focus();
      await page.keyboard.press('Space');
    }
    await page.getByLabel(/^New status for 2 selected/).selectOption('not-done');
    await page.getByRole('button', { name: 'Change status' }).focus();
    await page.keyboard.press('Enter');
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.getByRole('link', { name: /Give the reason/ }).waitFor();
    await page.getByLabel('Reason', { exact: true }).fill('The family did not attend either appointment');
    await page.getByRole('button', { name: 'Change status' }).click();
    await page.getByRole('alert').filter({ hasText: '2 actions set to “Not done – agency did not act”' }).waitFor();
    // Open actions only: the two are no longer listed.
    await page.waitForFunction((n) => document.querySelectorAll('table tbody tr').length === n, rowCount - 2);
    await page.getByLabel('Show', { exact: true }).selectOption('all');
    for (const what of firstTwo) {
      const row = table(page).locator('tbody tr', { hasText: what });
      await row.locator('td').last().getByText('Not done – agency did not act', { exact: true }).waitFor();
      // The reason is in the action's history.
      expect(await row.getByRole('rowheader').textContent()).toContain('The family did not attend either appointment');
    }
    await context.close();
  });
});
