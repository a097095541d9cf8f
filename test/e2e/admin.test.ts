import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { browserHarness } from '../support/e2e.js';
import { seriousAxeViolations } from '../support/axe.js';
import { signedInPage } from '../support/browser-session.js';
import { demoUsers } from '../support/session.js';

const series = 'Repeat Removals Triage';

describe('the admin screens in Chromium', () => {
  const h = browserHarness();

  it('lets an admin add an agency, a person and a series membership, all of it audited', async () => {
    const { context, page } = await signedInPage(h.browser, h.server.url, demoUsers.admin);
    page.setDefaultTimeout(10_000);
    await page.getByRole('banner').getByRole('link', { name: 'Admin' }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Administration' }));
    expect(new URL(page.url()).pathname).toBe('/admin');
    await expectNoSeriousViolations(page);

    // Agencies
    await openSection(page, 'Agencies');
    const agencyForm = page.getByRole('form', { name: 'Add an agency' });
    // An empty form: the error summary lists both fields, each also shown beside its field.
    await agencyForm.getByRole('button', { name: 'Add agency' }).click();
    const summary = agencyForm.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.getByRole('link', { name: 'Enter the agency’s name' }).waitFor();
    expect(await agencyForm.getByText('Error: Enter a short name of 2 to 12 characters').count()).toBe(1);
    await agencyForm.getByLabel('Agency name').fill('Youth Justice Service');
    await agencyForm.getByLabel('Short name').fill('YJS');
    await agencyForm.getByRole('button', { name: 'Add agency' }).click();
    await expectVisible(page.getByRole('status').filter({ hasText: 'Added agency Youth Justice Service.' }));
    await expectVisible(page.getByRole('rowheader', { name: 'Youth Justice Service' }));
    await expectNoSeriousViolations(page);

    // People
    await openSection(page, 'People');
    const personForm = page.getByRole('form', { name: 'Add a person' });
    await personForm.getByLabel('Full name').fill('Robin Newcomer');
    await personForm.getByLabel('Email').fill('robin.newcomer@yjs.example');
    await personForm.getByLabel('Job title').fill('YJS case manager');
    await personForm.getByLabel('Agency').selectOption({ label: 'Youth Justice Service' });
    await personForm.getByLabel('Role').selectOption('member');
    await personForm.getByRole('button', { name: 'Add person' }).click();
    await expectVisible(page.getByRole('rowheader', { name: 'Robin Newcomer' }));
    // Change the role inline, by keyboard.
    await page.getByLabel('Role for Robin Newcomer').selectOption('observer');
    await page.getByRole('button', { name: 'Save changes for Robin Newcomer' }).focus();
    await page.keyboard.press('Enter');
    await expectVisible(page.getByRole('status').filter({ hasText: 'Saved Robin Newcomer: observer' }));
    expect(await page.getByLabel('Role for Robin Newcomer').inputValue()).toBe('observer');
    await expectNoSeriousViolations(page);

    // Series membership
    await openSection(page, 'Series members');
    const memberForm = page.getByRole('form', { name: `Add a member to ${series}` });
    const membersTable = page.getByRole('table', { name: new RegExp(`Members of ${series}`) });
    const membersBefore = await membersTable.getByRole('row').count();
    // No person chosen: the summary takes focus, names the field and links to it; the field shows the same message.
    await memberForm.getByRole('button', { name: 'Add member' }).click();
    const memberSummary = memberForm.locator('.govuk-error-summary');
    const noPerson = `Choose a person to add to ${series}`;
    await memberSummary.getByRole('link', { name: noPerson }).waitFor();
    expect(await memberSummary.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await memberForm.getByText(`Error: ${noPerson}`).count()).toBe(1);
    const personSelect = memberForm.getByLabel('Person');
    expect(await personSelect.getAttribute('aria-invalid')).toBe('true');
    expect(await personSelect.getAttribute('aria-describedby')).toContain('-error');
    await memberSummary.getByRole('link', { name: noPerson }).click();
    expect(await personSelect.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await membersTable.getByRole('row').count()).toBe(membersBefore);
    await expectNoSeriousViolations(page);
    await memberForm.getByLabel('Person').selectOption({ label: 'Robin Newcomer (Youth Justice Service)' });
    await memberForm.getByLabel('Role in series').selectOption('member');
    await memberForm.getByRole('button', { name: 'Add member' }).click();
    await expectVisible(page.getByRole('status').filter({ hasText: `Robin Newcomer is now member of ${series}.` }));
    const row = page.getByRole('table', { name: new RegExp(`Members of ${series}`) }).getByRole('row').filter({ hasText: 'Robin Newcomer' });
    await expectVisible(row.getByRole('cell', { name: 'Youth Justice Service' }));
    await expectVisible(row.getByRole('button', { name: `Remove Robin Newcomer from ${series}` }));
    expect(await row.getByLabel(`Role of Robin Newcomer in ${series}`).inputValue()).toBe('member');
    await expectNoSeriousViolations(page);

    // Audit log
    await openSection(page, 'Audit log');
    const table = page.getByRole('table', { name: /Audit entries/ });
    for (const action of ['admin.agency.create', 'admin.person.create', 'admin.person.update', 'admin.series.member.set']) {
      await expectVisible(table.getByRole('row').filter({ hasText: action }).filter({ hasText: 'Alex Admin' }).first());
    }
    const filters = page.getByRole('form', { name: 'Filter entries' });
    await filters.getByLabel('Action').fill('admin.series.member.set');
    await filters.getByLabel('Person').selectOption({ label: 'Alex Admin' });
    await filters.getByLabel('From date').fill(localDate(new Date()));
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await expectVisible(table.getByRole('caption').filter({ hasText: '(1 shown)' }));
    const entry = table.getByRole('row').filter({ hasText: 'admin.series.member.set' });
    expect(await entry.count()).toBe(1);
    expect(await entry.textContent()).toContain('series-repeat-removals');
    expect(await entry.textContent()).toContain('"role":"member"');
    await expectNoSeriousViolations(page);
    await context.close();
  }, 90_000);

  it('shows a non-admin no Admin link and refuses them the admin page', async () => {
    const { context, page } = await signedInPage(h.browser, h.server.url, demoUsers.member);
    expect(await page.getByRole('banner').getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await page.goto(`${h.server.url}/admin/people`);
    await expectVisible(page.getByRole('alert').filter({ hasText: 'not allowed' }));
    expect(await page.getByRole('table').count()).toBe(0);
    await expectNoSeriousViolations(page);
    await context.close();
  });
});

async function openSection(page: Page, name: string) {
  const nav = page.getByRole('navigation', { name: 'Admin sections' });
  await nav.getByRole('link', { name }).click();
  await expectVisible(page.getByRole('heading', { level: 2, name }));
  expect(await nav.getByRole('link', { name }).getAttribute('aria-current')).toBe('page');
  expect(await nav.locator('[aria-current="page"]').count()).toBe(1);
}

async function expectNoSeriousViolations(page: Page) {
  const violations = await seriousAxeViolations(page);
  expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
}

async function expectVisible(locator: Locator) {
  await locator.waitFor({ state: 'visible', timeout: 10_000 });
}

/** yyyy-mm-dd in the browser's (and this process's) local time zone, as a date input takes it. */
const localDate = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
