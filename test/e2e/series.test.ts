import fs from 'node:fs';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { SeriesMeetingView, SeriesView } from '../../shared/api-types.js';
import { londonParts } from '../../shared/cadence.js';
import { addAction } from '../../shared/item-work.js';
import { readAgenda } from '../../shared/meeting-doc.js';
import { seriousAxeViolations } from '../support/axe.js';
import { signedInPage } from '../support/browser-session.js';
import { demoActors } from '../support/demo-actors.js';
import { browserHarness } from '../support/e2e.js';
import { demoUsers } from '../support/session.js';
import { connectYClient } from '../support/yjs-client.js';

const name = 'Perinatal Outreach Triage';
const visible = (page: Page, text: string | RegExp) => page.getByText(text).first().waitFor({ state: 'visible', timeout: 10_000 });
const noSeriousViolations = async (page: Page) => expect(await seriousAxeViolations(page)).toEqual([]);

describe('running a series in Chromium: set up, schedule, calendar, reschedule, cancel, hold, agree the minutes', () => {
  const h = browserHarness();
  const { api, cookie } = demoActors(() => h.server.url);

  it('a coordinator sets up a fortnightly series with a template; the chair holds its meetings and agrees the minutes', async () => {
    const { page } = await signedInPage(h.browser, h.server.url, demoUsers.coordinator);
    page.setDefaultTimeout(10_000);

    // Set up the series; a first try without a name shows the error summary and the inline error, and stores nothing.
    await page.getByRole('link', { name: 'Set up a series' }).click();
    await page.getByRole('heading', { level: 1, name: 'Set up a series' }).waitFor();
    await page.getByRole('button', { name: 'Create the series' }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.getByRole('link', { name: /Enter the series name|at least/ }).waitFor();
    expect(await page.locator('#series-name-error').count()).toBe(1);
    expect((await api<{ series: SeriesView[] }>('coordinator', '/series')).body.series.map((s) => s.name)).not.toContain(name);
    await noSeriousViolations(page);

    await page.getByLabel('Series name').fill(name);
    await page.getByLabel('Body named in the minutes').fill('Perinatal Outreach Triage Panel');
    await page.getByLabel('Owner agency').selectOption({ label: "Children's Services" });
    for (const person of ['Morgan Chair (Children\'s Services)', 'Riley Mental-Health (Adult Mental Health (NHS))']) {
      await page.getByLabel('Add a member').selectOption({ label: person });
      await page.getByRole('button', { name: 'Add member' }).click();
    }
    await page.getByLabel("Role of Morgan Chair (Children's Services)").selectOption('chair');
    await page.getByLabel('Chair', { exact: true }).selectOption({ label: 'Morgan Chair' });
    await page.getByLabel('Fortnightly').check();
    await page.getByLabel('Day of the week').selectOption({ label: 'Thursday' });
    await page.getByLabel('Start time').fill('14:00');
    await page.getByRole('button', { name: 'Add a standing item' }).click();
    await page.getByLabel('Title of standing item 6').fill('Safeguarding updates');
    await page.getByRole('button', { name: 'Move up standing item 6' }).click();
    await page.getByLabel('Prefix (optional)').fill('POT');
    await page.getByRole('button', { name: 'Create the series' }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await visible(page, 'Fortnightly on Thursday at 14:00');
    await noSeriousViolations(page);

    // Schedule the next three from the cadence.
    await page.getByLabel('How many meetings').fill('3');
    await page.getByRole('button', { name: 'Schedule meetings' }).click();
    await visible(page, '3 meetings scheduled');
    const upcoming = page.getByRole('table', { name: 'Upcoming meetings' });
    await expect.poll(() => upcoming.getByRole('row').count()).toBe(4);
    const seriesId = new URL(page.url()).pathname.split('/')[2];
    const meetingsOf = async () => (await api<{ meetings: SeriesMeetingView[] }>('coordinator', `/series/${seriesId}`)).body.meetings;
    const [first, second, third] = await meetingsOf();
    for (const m of [first, second, third]) expect(londonParts(Date.parse(m.scheduledAt))).toMatchObject({ weekday: 4, time: '14:00' });

    // Download the first meeting's calendar file and read it back.
    const [download] = await Promise.all([page.waitForEvent('download'), upcoming.getByRole('link', { name: /^Calendar file/ }).first().click()]);
    const event = new ICAL.Component(ICAL.parse(fs.readFileSync((await download.path())!, 'utf8'))).getFirstSubcomponent('vevent')!;
    expect(event.getFirstPropertyValue('uid')).toBe(`${first.id}@triage-room`);
    expect(event.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/London');
    expect((event.getFirstPropertyValue('dtstart') as ICAL.Time).toString()).toBe(`${londonParts(Date.parse(first.scheduledAt)).date}T14:00:00`);

    // Reschedule the second: a date in the past is refused with the server's message; then 15:30 the same day.
    await page.getByRole('button', { name: /^Reschedule the meeting of/ }).nth(1).click();
    const reschedule = page.getByRole('form', { name: /^Reschedule the meeting of/ });
    await reschedule.getByLabel('Year').fill('2020');
    await reschedule.getByRole('button', { name: 'Save changes' }).click();
    await reschedule.locator('.govuk-error-summary').getByRole('link', { name: 'The date must be in the future' }).waitFor();
    await reschedule.getByLabel('Year').fill(londonParts(Date.parse(second.scheduledAt)).date.slice(0, 4));
    await reschedule.getByLabel('New start time').fill('15:30');
    await reschedule.getByRole('button', { name: 'Save changes' }).click();
    await visible(page, /^Meeting moved to/);
    await noSeriousViolations(page);

    // Cancel the third, with a reason that stays on show.
    await page.getByRole('button', { name: /^Cancel the meeting of/ }).nth(2).click();
    const cancel = page.getByRole('form', { name: /^Cancel the meeting of/ });
    await cancel.getByLabel('Why is it cancelled?').fill('Clashes with the regional safeguarding review');
    await cancel.getByRole('button', { name: 'Cancel the meeting' }).click();
    await page.getByRole('table', { name: 'Cancelled meetings' }).getByText('Reason: Clashes with the regional safeguarding review').waitFor();
    const after = await meetingsOf();
    expect(after.find((m) => m.id === second.id)).toMatchObject({ sequence: 1 });
    expect(londonParts(Date.parse(after.find((m) => m.id === second.id)!.scheduledAt)).time).toBe('15:30');
    expect(after.find((m) => m.id === third.id)).toMatchObject({ status: 'cancelled', sequence: 1 });

    // The chair holds the first meeting; someone records an action in it.
    const chair = await signedInPage(h.browser, h.server.url, demoUsers.chair, `/meetings/${first.id}`);
    chair.page.setDefaultTimeout(10_000);
    await chair.page.getByRole('button', { name: 'Open the meeting' }).click();
    await visible(chair.page, /Meeting status:\s*live/);
    const y = connectYClient(h.server.url, first.id, { headers: { cookie: await cookie('chair') } });
    await y.synced;
    const safeguarding = readAgenda(y.doc).find((i) => i.title === 'Safeguarding updates')!;
    addAction(y.doc, safeguarding.id, { what: 'Circulate the safeguarding review dates', due: '2027-01-15' });
    await y.saved();
    y.destroy();
    await chair.page.getByRole('button', { name: 'End the meeting', exact: true }).click();
    await chair.page.getByRole('button', { name: 'Yes, end the meeting' }).click();
    await chair.page.getByRole('link', { name: 'read the minutes' }).waitFor();

    // The next meeting opens with its standing items, the open action under matters arising and the minutes to agree.
    await chair.page.goto(`${h.server.url}/meetings/${second.id}`);
    await chair.page.getByRole('button', { name: 'Open the meeting' }).click();
    await visible(chair.page, /Meeting status:\s*live/);
    for (const [n, title] of ['Apologies', 'Confidentiality statement', 'Minutes of the last meeting', 'Matters arising', 'Safeguarding updates', 'Any other business'].entries()) {
      await chair.page.getByRole('button', { name: `View item ${n + 1}, ${title}` }).waitFor();
    }
    await chair.page.getByRole('button', { name: 'View item 4, Matters arising' }).click();
    await visible(chair.page, 'Circulate the safeguarding review dates');
    await chair.page.getByRole('button', { name: 'View item 3, Minutes of the last meeting' }).click();
    const stage = chair.page.locator('.item-stage');
    await stage.getByText('Draft – not yet agreed').waitFor();
    await noSeriousViolations(chair.page);
    await stage.getByRole('button', { name: 'Agree as a correct record' }).click();
    await stage.getByText(/^Agreed as a correct record on .*, Morgan Chair$/).waitFor();

    // Every export of the first meeting's minutes now says so.
    const md = await api('coordinator', `/meetings/${first.id}/minutes.md`);
    const text = await md.res.text();
    expect(text).toMatch(/Agreed as a correct record on \d{1,2} \w+ \d{4}, Morgan Chair/);
    expect(text).not.toContain('Draft – not yet agreed');
    await page.goto(`${h.server.url}/meetings/${first.id}/minutes`);
    await visible(page, /Agreed as a correct record on .*, Morgan Chair/);

    // Archived: kept with its meetings, and nobody schedules any more.
    await page.goto(`${h.server.url}/series/${seriesId}`);
    await page.getByRole('button', { name: 'Archive the series' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Yes, archive the series' }).click();
    await visible(page, 'This series is archived: it is kept, read-only.');
    expect(await page.getByRole('button', { name: 'Schedule meetings' }).count()).toBe(0);
    expect(await page.getByRole('table', { name: 'Past meetings' }).getByRole('row').count()).toBe(2);
    await noSeriousViolations(page);
    await Promise.all([page.context().close(), chair.context.close()]);
  });
});
