import { describe, expect, it } from 'vitest';
import type { SeriesView } from '../../shared/api-types.js';
import { seriousAxeViolations } from '../support/axe.js';
import { signedInPage } from '../support/browser-session.js';
import { demoActors } from '../support/demo-actors.js';
import { browserHarness } from '../support/e2e.js';
import { demoUsers } from '../support/session.js';

const seriesId = 'series-repeat-removals';

describe('setting a series’ case reference prefix on its edit form, in Chromium', () => {
  const h = browserHarness();
  const { api } = demoActors(() => h.server.url);

  it('shows the rule beside the field when it is broken, saves a valid prefix and shows it on the series page', async () => {
    const { page } = await signedInPage(h.browser, h.server.url, demoUsers.coordinator, `/series/${seriesId}`);
    page.setDefaultTimeout(10_000);
    const summary = page.locator('.govuk-summary-list');
    await summary.getByText('RR-YYYY-NNN').waitFor();
    await page.getByRole('link', { name: 'Edit the series' }).click();
    const field = page.getByLabel('Letters that start each case reference (optional)');
    expect(await field.inputValue()).toBe('RR');

    await field.fill('rr1');
    await page.getByRole('button', { name: 'Save the series' }).click();
    await page.locator('.govuk-error-summary').getByRole('link', { name: /2 to 6 capital letters/ }).waitFor();
    await page.locator('#series-caseRefPrefix-error').getByText(/2 to 6 capital letters/).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect((await api<{ series: SeriesView }>('coordinator', `/series/${seriesId}`)).body.series.caseRefPrefix).toBe('RR');

    await field.fill('RRT');
    await page.getByRole('button', { name: 'Save the series' }).click();
    await summary.getByText('RRT-YYYY-NNN').waitFor();
    expect((await api<{ series: SeriesView }>('coordinator', `/series/${seriesId}`)).body.series.caseRefPrefix).toBe('RRT');
  });
});
