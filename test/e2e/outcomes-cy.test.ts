/**
 * Issue 16, the outcomes dashboard in Welsh (Chromium): the date range, headline figures, every chart's name and the
 * tables beside them read in Welsh with cy-GB dates, a table's CSV holds exactly the Welsh table on screen, a range
 * that runs backwards is refused in Welsh, and axe finds nothing serious or critical.
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
const tableCells = (page: Page, name: string) =>
  table(page, name)
    .locator('tr')
    .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('th, td')).map((c) => (c.textContent ?? '').trim())));
const fillDate = async (page: Page, legend: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  const group = page.getByRole('group', { name: legend, exact: true });
  await group.getByLabel('Diwrnod').fill(String(Number(d)));
  await group.getByLabel('Mis').fill(String(Number(m)));
  await group.getByLabel('Blwyddyn').fill(y);
};

describe('the outcomes dashboard in Welsh', () => {
  const h = browserHarness();
  const year = new Date().getUTCFullYear();

  it('reads in Welsh: range, figures, charts beside tables, CSV, errors and axe', async () => {
    const { context, page } = await signedInPage(h.browser, h.server.url, demoUsers.coordinator, '/series/series-repeat-removals/outcomes');
    await context.addCookies([{ name: 'triage_lang', value: 'cy', url: h.server.url }]);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /Dangosfwrdd canlyniadau/ }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('cy');
    await table(page, 'Penderfyniadau fesul canlyniad').waitFor();

    const from = `${year - 1}-01-01`;
    const to = `${year + 1}-12-31`;
    await fillDate(page, 'O', from);
    await fillDate(page, 'I', to);
    await page.getByRole('button', { name: 'Dangos y ffigurau' }).click();
    // cy-GB dates: "1 Ion 2025 i 31 Rhag 2027".
    const heading = `${formatDay('cy', from)} i ${formatDay('cy', to)}`;
    expect(heading).toMatch(/^1 Ion \d{4} i 31 Rhag \d{4}$/);
    await page.getByRole('heading', { level: 2, name: heading }).waitFor();
    expect(new URL(page.url()).search).toBe(`?from=${from}&to=${to}`);
    await page.getByText('Atgyfeiriadau ailadroddus', { exact: true }).first().waitFor();
    await page.getByRole('img', { name: /^Atgyfeiriadau bob mis fesul asiantaeth atgyfeirio: siart/ }).waitFor();
    await page.getByRole('img', { name: /^Penderfyniadau fesul canlyniad: siart/ }).waitFor();

    const referrals = await tableCells(page, 'Atgyfeiriadau bob mis fesul asiantaeth atgyfeirio');
    expect(referrals[0]).toEqual(['Mis', 'Asiantaeth atgyfeirio', 'Atgyfeiriadau', 'Atgyfeiriadau ailadroddus']);
    const meetings = await tableCells(page, 'Cyfarfodydd a gynhaliwyd');
    expect(Number(meetings.find((r) => r[0] === 'Wedi’i gynnal')![1])).toBeGreaterThanOrEqual(2);
    const decisions = await tableCells(page, 'Penderfyniadau fesul canlyniad');
    expect(decisions.map((r) => r[0])).toEqual(expect.arrayContaining(['Canlyniad', 'Derbyn', 'Dyrannu', 'Uwchgyfeirio']));

    const shown = await tableCells(page, 'Presenoldeb fesul asiantaeth');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Lawrlwytho fel CSV: Presenoldeb fesul asiantaeth' }).click()]);
    expect(parseCsv(fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, ''))).toEqual(shown);
    expect(shown[0]).toEqual(['Asiantaeth', 'Cyfarfodydd a fynychwyd', 'Pobl yn bresennol', 'Ymddiheuriadau']);
    expect(await page.getByLabel('Chwarter', { exact: true }).locator('option').allTextContents()).toEqual(['Ch1 (Ionawr i Fawrth)', 'Ch2 (Ebrill i Fehefin)', 'Ch3 (Gorffennaf i Fedi)', 'Ch4 (Hydref i Ragfyr)']);

    const violations = await seriousAxeViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);

    await fillDate(page, 'O', `${year}-06-02`);
    await fillDate(page, 'I', `${year}-06-01`);
    await page.getByRole('button', { name: 'Dangos y ffigurau' }).click();
    await page.getByRole('alert').filter({ hasText: 'Mae problem wedi codi' }).getByRole('link', { name: 'Rhaid i’r dyddiad dechrau fod ar neu cyn y dyddiad gorffen' }).waitFor();
    const withError = await seriousAxeViolations(page);
    expect(withError, JSON.stringify(withError, null, 2)).toEqual([]);
    await context.close();
  });
});
