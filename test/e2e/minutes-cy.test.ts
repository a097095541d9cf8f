/**
 * Issue 16, minutes in Welsh (Chromium): the demo's Welsh reader signs in (their saved choice puts every screen in
 * Welsh), sets the series' minutes to Welsh on the series form, opens the ended demo meeting's minutes and
 * downloads them: the Word file read back says Cofnodion, Penderfyniad, PENDERFYNWYD, with cy-GB dates. Then the
 * series goes bilingual: the page and the PDF set Welsh and English side by side. axe finds nothing serious.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoPassword } from '../../server/seed/demo-data.js';
import { seriousAxeViolations } from '../support/axe.js';
import { browserHarness } from '../support/e2e.js';
import { pdfPages, unzipDocx, wordParagraphs } from '../support/read-exports.js';

const welshReader = 'cymraeg@demo.triage.test';
const welshDate = /\d{1,2} (Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd|Rhagfyr) \d{4}/;
const noSeriousViolations = async (page: Page) => expect(await seriousAxeViolations(page)).toEqual([]);

async function download(page: Page, name: RegExp) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).first().click()]);
  return fs.readFileSync((await file.path())!);
}

describe('minutes in Welsh, in Chromium', () => {
  const h = browserHarness();

  it('a Welsh reader sets the series to Welsh minutes, reads them and downloads them in Welsh; then bilingual', async () => {
    const context = await h.browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${h.server.url}/series/series-repeat-removals/edit`);
    await page.getByLabel('Email').fill(welshReader);
    await page.getByLabel('Password').fill(demoPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Their saved language: the whole interface in Welsh without touching the switch.
    await page.getByRole('button', { name: 'Allgofnodi' }).waitFor();

    await page.getByRole('heading', { level: 2, name: 'Iaith y cofnodion' }).waitFor();
    const language = page.getByRole('group', { name: 'Ym mha iaith y dylid ysgrifennu’r cofnodion a’r agendâu?' });
    expect(await language.getByRole('radio', { name: 'Saesneg', exact: true }).isChecked()).toBe(true);
    await language.getByRole('radio', { name: 'Cymraeg', exact: true }).check();
    await noSeriousViolations(page);
    await page.getByRole('button', { name: 'Cadw’r gyfres' }).click();
    await page.waitForURL(/\/series\/series-repeat-removals$/);
    // The series page says what was chosen.
    await page.getByText('Iaith y cofnodion').first().waitFor();
    expect(await page.locator('.govuk-summary-list__row', { hasText: 'Iaith y cofnodion' }).locator('dd').first().textContent()).toBe('Cymraeg');

    await page.goto(`${h.server.url}/meetings/demo-previous/minutes`);
    const minutes = page.getByRole('article', { name: 'Cofnodion' });
    await minutes.waitFor();
    expect(await minutes.getAttribute('lang')).toBe('cy-GB');
    await minutes.getByText('PENDERFYNWYD:').first().waitFor();
    const text = (await minutes.textContent()) ?? '';
    for (const term of ['Yn bresennol:', 'Ymddiheuriadau:', 'Penderfyniad:', 'Rhesymau:', 'Camau gweithredu', 'SWYDDOGOL-SENSITIF']) expect(text).toContain(term);
    expect(text).toMatch(welshDate);
    for (const english of ['RESOLVED:', 'Decision:', 'Reasons:', 'OFFICIAL-SENSITIVE']) expect(text).not.toContain(english);
    await noSeriousViolations(page);

    const words = wordParagraphs(unzipDocx(await download(page, /Word/)).document).join('\n');
    for (const term of ['Cofnodion: Repeat Removals Triage', 'Penderfyniad:', 'PENDERFYNWYD:', 'Rhesymau:']) expect(words).toContain(term);
    expect(words).toMatch(welshDate);
    expect(words).not.toContain('RESOLVED:');

    // Bilingual: Welsh left, English right, each side marked with its language.
    await page.goto(`${h.server.url}/series/series-repeat-removals/edit`);
    await page.getByRole('group', { name: 'Ym mha iaith y dylid ysgrifennu’r cofnodion a’r agendâu?' }).getByRole('radio', { name: 'Cymraeg a Saesneg' }).check();
    await page.getByRole('button', { name: 'Cadw’r gyfres' }).click();
    await page.waitForURL(/\/series\/series-repeat-removals$/);
    await page.goto(`${h.server.url}/meetings/demo-previous/minutes`);
    const pair = page.locator('.minutes-pair', { hasText: 'PENDERFYNWYD:' }).first();
    await pair.waitFor();
    expect(await pair.locator('[lang="cy-GB"]').textContent()).toBe('PENDERFYNWYD:');
    expect(await pair.locator('[lang="en-GB"]').textContent()).toBe('RESOLVED:');
    await noSeriousViolations(page);
    const pages = await pdfPages(await download(page, /PDF/));
    expect(pages[0]).toContain('SWYDDOGOL-SENSITIF / OFFICIAL-SENSITIVE');
    const pdf = pages.join('\n');
    for (const term of ['Penderfyniad:', 'Decision:', 'PENDERFYNWYD:', 'RESOLVED:']) expect(pdf).toContain(term);
    await context.close();
  });
});
