/**
 * Issue 16, the admin screens in Welsh (Chromium): Agencies, People, Series members and the Audit log read in Welsh,
 * their forms' errors and announcements too, roles are named in Welsh, times are cy-GB, and axe finds nothing
 * serious; a non-admin is refused in Welsh.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { browserHarness } from '../support/e2e.js';
import { seriousAxeViolations } from '../support/axe.js';
import { signedInPage } from '../support/browser-session.js';
import { demoUsers } from '../support/session.js';

const series = 'Repeat Removals Triage';

describe('the admin screens in Welsh', () => {
  const h = browserHarness();

  const inWelsh = async (context: BrowserContext, page: Page) => {
    await context.addCookies([{ name: 'triage_lang', value: 'cy', url: h.server.url }]);
    await page.reload();
  };

  it('People, Agencies, Series members and the Audit log read in Welsh', async () => {
    const { context, page } = await signedInPage(h.browser, h.server.url, demoUsers.admin, '/admin');
    page.setDefaultTimeout(10_000);
    await inWelsh(context, page);
    await visible(page.getByRole('heading', { level: 1, name: 'Gweinyddu' }));
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('cy');
    await noSeriousViolations(page);

    await openSection(page, 'Asiantaethau');
    const agencyForm = page.getByRole('form', { name: 'Ychwanegu asiantaeth' });
    await agencyForm.getByRole('button', { name: 'Ychwanegu’r asiantaeth' }).click();
    await agencyForm.getByRole('alert').filter({ hasText: 'Mae problem wedi codi' }).getByRole('link', { name: 'Rhowch enw’r asiantaeth' }).waitFor();
    expect(await agencyForm.getByText('Gwall: Rhowch enw byr o 2 i 12 nod').count()).toBe(1);
    await noSeriousViolations(page);
    await agencyForm.getByLabel('Enw’r asiantaeth').fill('Gwasanaeth Cyfiawnder Ieuenctid');
    await agencyForm.getByLabel('Enw byr').fill('GCI');
    await agencyForm.getByRole('button', { name: 'Ychwanegu’r asiantaeth' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'Ychwanegwyd yr asiantaeth Gwasanaeth Cyfiawnder Ieuenctid.' }));
    await visible(page.getByRole('table', { name: /^Asiantaethau \(\d+\)$/ }).getByRole('columnheader', { name: 'Enw byr' }));

    await openSection(page, 'Pobl');
    const personForm = page.getByRole('form', { name: 'Ychwanegu unigolyn' });
    expect(await personForm.getByLabel('Rôl', { exact: true }).locator('option').allTextContents()).toEqual(['Gweinyddwr', 'Cydlynydd', 'Cadeirydd', 'Aelod', 'Sylwedydd']);
    await personForm.getByLabel('Enw llawn').fill('Robin Newydd');
    await personForm.getByLabel('E-bost').fill('robin.newydd@gci.example');
    await personForm.getByLabel('Teitl swydd (dewisol)').fill('Rheolwr achosion');
    await personForm.getByLabel('Asiantaeth', { exact: true }).selectOption({ label: 'Gwasanaeth Cyfiawnder Ieuenctid' });
    await personForm.getByLabel('Rôl', { exact: true }).selectOption('member');
    await personForm.getByRole('button', { name: 'Ychwanegu’r unigolyn' }).click();
    await visible(page.getByRole('rowheader', { name: 'Robin Newydd' }));
    await page.getByLabel('Rôl Robin Newydd').selectOption('observer');
    await page.getByRole('button', { name: 'Cadw newidiadau Robin Newydd' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'Cadwyd Robin Newydd: sylwedydd, Gwasanaeth Cyfiawnder Ieuenctid.' }));
    await noSeriousViolations(page);

    await openSection(page, 'Aelodau cyfresi');
    const memberForm = page.getByRole('form', { name: `Ychwanegu aelod at ${series}` });
    await memberForm.getByRole('button', { name: 'Ychwanegu’r aelod' }).click();
    await memberForm.getByRole('alert').getByRole('link', { name: `Dewiswch unigolyn i’w ychwanegu at ${series}` }).waitFor();
    await memberForm.getByLabel('Unigolyn', { exact: true }).selectOption({ label: 'Robin Newydd (Gwasanaeth Cyfiawnder Ieuenctid)' });
    await memberForm.getByLabel('Rôl yn y gyfres').selectOption('member');
    await memberForm.getByRole('button', { name: 'Ychwanegu’r aelod' }).click();
    await visible(page.getByRole('status').filter({ hasText: `Rôl Robin Newydd yn ${series} bellach: aelod.` }));
    const row = page.getByRole('table', { name: new RegExp(`^Aelodau ${series}`) }).getByRole('row').filter({ hasText: 'Robin Newydd' });
    await visible(row.getByRole('button', { name: `Tynnu Robin Newydd o ${series}` }));
    expect(await row.getByLabel(`Rôl Robin Newydd yn ${series}`).locator('option:checked').textContent()).toBe('Aelod');
    await noSeriousViolations(page);

    await openSection(page, 'Log archwilio');
    const table = page.getByRole('table', { name: /^Cofnodion archwilio, y diweddaraf yn gyntaf/ });
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Amser', 'Unigolyn', 'Gweithred', 'Targed', 'Manylion', 'Cyfeiriad IP']);
    const entry = table.getByRole('row').filter({ hasText: 'admin.agency.create' }).first();
    // cy-GB: "30 Tach 2026, 14:05".
    expect(await entry.locator('time').textContent()).toMatch(/^\d{1,2} (Ion|Chwef|Maw|Ebr|Mai|Meh|Gorff|Awst|Medi|Hyd|Tach|Rhag) \d{4}, \d{2}:\d{2}$/);
    const filters = page.getByRole('form', { name: 'Hidlo’r log' });
    await filters.getByLabel('Gweithred').fill('admin.series.member.set');
    await filters.getByRole('button', { name: 'Hidlo' }).click();
    await visible(table.getByRole('caption').filter({ hasText: '(dangosir 1)' }));
    await noSeriousViolations(page);
    await context.close();
  }, 90_000);

  it('refuses a non-admin in Welsh', async () => {
    const { context, page } = await signedInPage(h.browser, h.server.url, demoUsers.member, '/admin/people');
    await inWelsh(context, page);
    await visible(page.getByRole('alert').filter({ hasText: 'Nid oes gennych hawl i ddefnyddio’r tudalennau gweinyddu.' }));
    await noSeriousViolations(page);
    await context.close();
  });
});

async function openSection(page: Page, name: string) {
  const nav = page.getByRole('navigation', { name: 'Adrannau gweinyddu' });
  await nav.getByRole('link', { name }).click();
  await visible(page.getByRole('heading', { level: 2, name }));
  expect(await nav.getByRole('link', { name }).getAttribute('aria-current')).toBe('page');
}

async function noSeriousViolations(page: Page) {
  const violations = await seriousAxeViolations(page);
  expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
}

async function visible(locator: Locator) {
  await locator.waitFor({ state: 'visible', timeout: 10_000 });
}
