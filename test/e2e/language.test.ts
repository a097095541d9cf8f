/**
 * Welsh and English in Chromium: the header's switch turns the whole interface to Welsh at once (and the page's
 * lang), the device remembers it, a person's choice saved on Your account follows them to another browser, and axe
 * finds nothing serious in either language.
 */
import { describe, expect, it } from 'vitest';
import { demoPassword } from '../../server/seed/demo-data.js';
import { browserHarness } from '../support/e2e.js';
import { seriousAxeViolations } from '../support/axe.js';
import { demoUsers } from '../support/session.js';

describe('language switch, in Chromium', () => {
  const h = browserHarness();

  it('switches to Welsh, remembers it, and a saved choice follows the person to a new browser', async () => {
    const context = await h.browser.newContext();
    const page = await context.newPage();
    await page.goto(h.server.url);
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Newid yr iaith i’r Gymraeg' }).click();
    await page.getByRole('heading', { name: 'Mewngofnodi', level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('cy');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Remembered on this device across a reload.
    await page.reload();
    await page.getByRole('heading', { name: 'Mewngofnodi', level: 1 }).waitFor();
    await page.getByLabel('E-bost').fill(demoUsers.member);
    await page.getByLabel('Cyfrinair').fill(demoPassword);
    await page.getByRole('button', { name: 'Mewngofnodi' }).click();
    await page.getByRole('button', { name: 'Allgofnodi' }).waitFor();
    await page.getByRole('link', { name: 'Eich cyfrif' }).click();
    await page.getByRole('heading', { name: 'Eich cyfrif', level: 1 }).waitFor();
    expect(await page.getByRole('radio', { name: 'Cymraeg' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Cadw' }).click();
    await page.getByRole('alert').filter({ hasText: 'Byddwch yn cael crynodeb dyddiol' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Another browser with no remembered language: signing in brings the person's own choice.
    const other = await h.browser.newContext();
    const page2 = await other.newPage();
    await page2.goto(h.server.url);
    await page2.getByLabel('Email').fill(demoUsers.member);
    await page2.getByLabel('Password').fill(demoPassword);
    await page2.getByRole('button', { name: 'Sign in' }).click();
    await page2.getByRole('button', { name: 'Allgofnodi' }).waitFor();
    expect(await page2.evaluate(() => document.documentElement.lang)).toBe('cy');

    // And back to English from the header, stored again.
    await page2.getByRole('button', { name: 'Change the language to English' }).click();
    await page2.getByRole('button', { name: 'Sign out' }).waitFor();
    const prefs = await page2.evaluate(() => fetch('/api/me/preferences').then((r) => r.json()));
    expect(prefs).toMatchObject({ language: 'en' });
    await context.close();
    await other.close();
  });
});
