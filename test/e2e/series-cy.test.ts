/**
 * Issue 16, series in Welsh (Chromium): a coordinator reading Welsh sets up a monthly series, meets the server's
 * messages in Welsh (the error summary "Mae problem wedi codi", a taken case reference prefix, a date in the past),
 * reads the cadence as a Welsh sentence, schedules meetings shown with cy-GB dates, edits the series and cancels a
 * meeting; axe finds nothing serious on any of those screens.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { SeriesView } from '../../shared/api-types.js';
import { seriousAxeViolations } from '../support/axe.js';
import { signedInPage } from '../support/browser-session.js';
import { demoActors } from '../support/demo-actors.js';
import { browserHarness } from '../support/e2e.js';
import { demoUsers } from '../support/session.js';

const name = 'Cyfres Brysbennu Cymorth Cynnar';
const noSeriousViolations = async (page: Page) => expect(await seriousAxeViolations(page)).toEqual([]);
/** A meeting's date and time as cy-GB writes it: "Dydd Mawrth, 5 Ionawr 2027 am 10:00". */
const welshMeetingTime = /^Dydd (Llun|Mawrth|Mercher|Iau|Gwener|Sadwrn|Sul), \d{1,2} (Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd|Rhagfyr) \d{4} am 10:00$/;

describe('a series in Welsh, in Chromium', () => {
  const h = browserHarness();
  const { api } = demoActors(() => h.server.url);

  it('a coordinator sets up, schedules, edits and cancels in Welsh, with the server’s messages in Welsh', async () => {
    const { context, page } = await signedInPage(h.browser, h.server.url, demoUsers.coordinator);
    page.setDefaultTimeout(10_000);
    await context.addCookies([{ name: 'triage_lang', value: 'cy', url: h.server.url }]);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Cyfarfodydd' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Cyfresi' }).waitFor();
    await page.getByRole('link', { name: 'Repeat Removals Triage: pob cyfarfod' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Atgyfeiriadau ac achosion' }).waitFor();
    await noSeriousViolations(page);

    // An empty form: the server's messages come back in Welsh, summarised and beside each field.
    await page.getByRole('link', { name: 'Sefydlu cyfres' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sefydlu cyfres' }).waitFor();
    // A new series' standing items are titled in Welsh.
    expect(await page.getByLabel('Teitl eitem sefydlog 1').inputValue()).toBe('Ymddiheuriadau');
    expect(await page.getByLabel('Lleoliad').inputValue()).toBe('Ar-lein');
    await page.getByRole('button', { name: 'Creu’r gyfres' }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.getByRole('heading', { name: 'Mae problem wedi codi' }).waitFor();
    await summary.getByRole('link', { name: 'Rhowch enw’r gyfres' }).waitFor();
    await summary.getByRole('link', { name: 'Rhowch enw’r corff yn y cofnodion' }).waitFor();
    expect(await page.locator('#series-name-error').textContent()).toBe('Gwall: Rhowch enw’r gyfres');
    await noSeriousViolations(page);

    await page.getByLabel('Enw’r gyfres').fill(name);
    await page.getByLabel('Enw’r corff yn y cofnodion').fill('Panel Brysbennu Cymorth Cynnar');
    await page.getByLabel('Asiantaeth berchen').selectOption({ label: "Children's Services" });
    for (const person of ["Morgan Chair (Children's Services)", 'Riley Mental-Health (Adult Mental Health (NHS))']) {
      await page.getByLabel('Ychwanegu aelod').selectOption({ label: person });
      await page.getByRole('button', { name: 'Ychwanegu’r aelod' }).click();
    }
    const role = page.getByLabel("Rôl Morgan Chair (Children's Services)");
    expect(await role.locator('option').allTextContents()).toEqual(['Cydlynydd', 'Cadeirydd', 'Aelod', 'Sylwedydd', 'Bwrdd llywodraethu (ffigurau yn unig)']);
    await role.selectOption({ label: 'Cadeirydd' });
    await page.getByLabel('Cadeirydd', { exact: true }).selectOption({ label: 'Morgan Chair' });
    await page.getByLabel('Yn fisol').check();
    await page.getByLabel('Pa un yn y mis').selectOption({ label: 'ail' });
    await page.getByLabel('Diwrnod o’r wythnos').selectOption({ label: 'Dydd Mawrth' });
    await page.getByLabel('Amser dechrau').fill('10:00');
    // The demo series already uses RR: refused with both names in the Welsh sentence.
    await page.getByLabel('Y llythrennau ar ddechrau pob cyfeirnod achos (dewisol)').fill('RR');
    await page.getByRole('button', { name: 'Creu’r gyfres' }).click();
    await summary.getByRole('link', { name: 'RR yw rhagddodiad cyfeirnodau achos Repeat Removals Triage eisoes: dewiswch un arall' }).waitFor();
    expect((await api<{ series: SeriesView[] }>('coordinator', '/series')).body.series.map((s) => s.name)).not.toContain(name);

    await page.getByLabel('Y llythrennau ar ddechrau pob cyfeirnod achos (dewisol)').fill('');
    await page.getByRole('button', { name: 'Creu’r gyfres' }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    // The cadence as one Welsh sentence ("ail" before the day, mutating it), not English word order.
    await page.getByText('Ar yr ail ddydd Mawrth bob mis am 10:00', { exact: true }).waitFor();
    await page.getByText('CBCC-BBBB-NNN (o enw’r gyfres)').waitFor();
    await noSeriousViolations(page);

    // Schedule two from the cadence: the count and the dates read in Welsh.
    await page.getByLabel('Faint o gyfarfodydd').fill('2');
    await page.getByRole('button', { name: 'Trefnu cyfarfodydd' }).click();
    await page.getByText('2 gyfarfod wedi’u trefnu').waitFor();
    const upcoming = page.getByRole('table', { name: 'Cyfarfodydd i ddod' });
    await expect.poll(() => upcoming.getByRole('row').count()).toBe(3);
    const dates = await upcoming.locator('tbody tr td:first-child').allTextContents();
    expect(dates.every((d) => welshMeetingTime.test(d.trim())), dates.join(' | ')).toBe(true);
    expect(await upcoming.getByRole('cell', { name: 'Wedi’i drefnu' }).count()).toBe(2);

    // One meeting on a date in the past: refused by the server, in Welsh; a date missing its month, by the page.
    await page.getByLabel('Un cyfarfod ar ddyddiad ac amser').check();
    const schedule = page.locator('form.schedule-form');
    await schedule.getByLabel('Diwrnod', { exact: true }).fill('5');
    await schedule.getByLabel('Blwyddyn', { exact: true }).fill('2020');
    await page.getByRole('button', { name: 'Trefnu cyfarfodydd' }).click();
    await schedule.locator('.govuk-error-summary').getByRole('link', { name: 'Rhaid i ddyddiad gynnwys mis' }).waitFor();
    await schedule.getByLabel('Mis', { exact: true }).fill('1');
    await page.getByRole('button', { name: 'Trefnu cyfarfodydd' }).click();
    await schedule.locator('.govuk-error-summary').getByRole('link', { name: 'Rhaid i’r dyddiad fod yn y dyfodol' }).waitFor();
    await noSeriousViolations(page);

    // Cancel the second: the reason is asked for in Welsh, then kept with the meeting.
    await page.getByRole('button', { name: /^Canslo cyfarfod Dydd Mawrth/ }).nth(1).click();
    const cancel = page.getByRole('form', { name: /^Canslo cyfarfod Dydd Mawrth/ });
    await cancel.getByRole('button', { name: 'Canslo’r cyfarfod' }).click();
    await cancel.locator('.govuk-error-summary').getByRole('link', { name: 'Dywedwch pam mae’r cyfarfod yn cael ei ganslo' }).waitFor();
    await cancel.getByLabel('Pam mae’n cael ei ganslo?').fill('Mae’n gwrthdaro â’r adolygiad diogelu rhanbarthol');
    await cancel.getByRole('button', { name: 'Canslo’r cyfarfod' }).click();
    const cancelled = page.getByRole('table', { name: 'Cyfarfodydd wedi’u canslo' });
    await cancelled.getByText('Rheswm: Mae’n gwrthdaro â’r adolygiad diogelu rhanbarthol').waitFor();
    await cancelled.getByText('Wedi’i ganslo', { exact: true }).waitFor();
    await page.getByText(/^Mae cyfarfod Dydd Mawrth, .* wedi’i ganslo$/).waitFor();
    await noSeriousViolations(page);

    // Edit: the form comes back filled, in Welsh; a changed venue is saved.
    await page.getByRole('link', { name: 'Golygu’r gyfres' }).click();
    await page.getByRole('heading', { level: 1, name: 'Golygu’r gyfres' }).waitFor();
    expect(await page.getByLabel('Pa un yn y mis').inputValue()).toBe('2');
    await page.getByLabel('Lleoliad').fill('Ystafell Bwyllgor 2, Neuadd y Sir');
    await noSeriousViolations(page);
    await page.getByRole('button', { name: 'Cadw’r gyfres' }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.getByText('Ystafell Bwyllgor 2, Neuadd y Sir', { exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('cy');
    await context.close();
  });
});
